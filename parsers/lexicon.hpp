#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

// The drug names and phrase lists of data/lexicon/ (format and meaning of every column:
// data/lexicon/README.md). The files are data that analysts edit, so the loader checks what it
// relies on and names the file and line of anything it cannot read; the finer rules (sources,
// scripts, categories, duplicates) belong to data/lexicon/check_lexicon.py.

enum class phrase_kind {
  no_rx,
  page_state_construction,
  page_state_parked,
  page_state_suspended,
  page_state_default,
  commerce_cart,
  commerce_crypto,
  commerce_shipping,
  commerce_import,
};

// "Can this phrase stand on its own as evidence of its kind?"
enum class phrase_strength { strong, weak };

// The kind as spelled in phrases.tsv ("page_state_parked").
std::string_view to_string(phrase_kind kind);

struct drug_term {
  std::string term;        // as written in drugs.tsv ("Viagra")
  std::string normalized;  // normalize_text(term)
  std::string drug;        // canonical INN ("sildenafil")
  std::string category;    // "erectile_dysfunction"
  bool ambiguous = false;  // also an ordinary word or name ("Soma"): weak evidence alone
};

struct phrase {
  std::string text;        // as written in phrases.tsv
  std::string normalized;  // normalize_text(text)
  phrase_kind kind;
  phrase_strength strength;
  std::string lang;  // ISO 639-1
};

struct lexicon {
  std::vector<drug_term> drugs;  // in file order
  std::vector<phrase> phrases;   // in file order
};

// "drugs.tsv:17: expected 6 columns, found 5".
class lexicon_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads drugs.tsv and phrases.tsv from `dir`. Throws lexicon_error for a missing file, a wrong
// header, a line with a CR, a column count other than six, an empty required cell, an unknown
// kind or strength, or a term that normalises to nothing.
lexicon load_lexicon(const std::filesystem::path& dir);

// The contents of the two files, for a lexicon that does not come from a directory (the copy
// compiled into the binary). `origin` stands for the directory in error messages:
// "<origin>/drugs.tsv:17: ...".
struct lexicon_text {
  std::string_view drugs_tsv;
  std::string_view phrases_tsv;
  std::string_view origin;
};

// As load_lexicon, from memory.
lexicon parse_lexicon(const lexicon_text& text);

}  // namespace geocrawl
