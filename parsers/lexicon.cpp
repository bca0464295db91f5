#include "parsers/lexicon.hpp"

#include "parsers/text_normalizer.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

namespace geocrawl {
namespace {

constexpr std::size_t column_count = 6;
using row = std::array<std::string_view, column_count>;

constexpr std::string_view drugs_header = "term\tdrug\tcategory\tscript\tsource\tnotes";
constexpr std::string_view phrases_header = "phrase\tkind\tstrength\tlang\tsource\tnotes";

constexpr std::pair<std::string_view, phrase_kind> kind_names[] = {
    {"no_rx", phrase_kind::no_rx},
    {"page_state_construction", phrase_kind::page_state_construction},
    {"page_state_parked", phrase_kind::page_state_parked},
    {"page_state_suspended", phrase_kind::page_state_suspended},
    {"page_state_default", phrase_kind::page_state_default},
    {"commerce_cart", phrase_kind::commerce_cart},
    {"commerce_crypto", phrase_kind::commerce_crypto},
    {"commerce_shipping", phrase_kind::commerce_shipping},
    {"commerce_import", phrase_kind::commerce_import},
};

// One TSV file's contents, handed out row by row with its line number, so every complaint can
// say where it is.
class tsv_reader {
 public:
  tsv_reader(std::string name, std::string_view content, std::string_view header)
      : name_(std::move(name)), rest_(content) {
    const std::optional<std::string_view> first = next_line();
    if (!first) {
      line_number_ = 1;
      fail("empty file, expected the header \"" + escaped(header) + "\"");
    }
    if (*first != header) {
      fail("header must be \"" + escaped(header) + "\", found \"" + escaped(*first) + "\"");
    }
  }

  // The next data row, or nothing at the end of the file.
  std::optional<row> next() {
    const std::optional<std::string_view> line = next_line();
    if (!line) return std::nullopt;
    if (line->empty()) fail("empty line");
    row cells{};
    std::size_t found = 0;
    std::string_view rest = *line;
    for (;;) {
      const std::size_t tab = rest.find('\t');
      if (found < column_count) cells[found] = rest.substr(0, tab);
      ++found;
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (found != column_count) {
      fail("expected " + std::to_string(column_count) + " tab-separated columns, found " +
           std::to_string(found));
    }
    return cells;
  }

  void require(std::string_view cell, std::string_view column_name) const {
    if (cell.empty()) fail("empty " + std::string(column_name));
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw lexicon_error(name_ + ":" + std::to_string(line_number_) + ": " + what);
  }

 private:
  std::optional<std::string_view> next_line() {
    if (rest_.empty()) return std::nullopt;
    ++line_number_;
    const std::size_t newline = rest_.find('\n');
    const std::string_view line = rest_.substr(0, newline);
    rest_.remove_prefix(newline == std::string_view::npos ? rest_.size() : newline + 1);
    // A CR would end up inside the last cell ("ambiguous\r" is not "ambiguous"): refuse it
    // rather than read the row differently from what the editor shows.
    if (line.find('\r') != std::string_view::npos) fail("CR in line (the file must use LF)");
    return line;
  }

  // Headers are shown with their tabs visible.
  static std::string escaped(std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c == '\t') {
        out += "\\t";
      } else {
        out += c;
      }
    }
    return out;
  }

  std::string name_;
  std::string_view rest_;
  std::size_t line_number_ = 0;
};

std::string normalized_or_fail(const tsv_reader& reader, std::string_view text) {
  std::string normalized = normalize_text(text);
  if (normalized.empty()) reader.fail("\"" + std::string(text) + "\" normalises to nothing");
  return normalized;
}

std::vector<drug_term> parse_drugs(tsv_reader reader) {
  std::vector<drug_term> drugs;
  while (const std::optional<row> cells = reader.next()) {
    const auto& [term, drug, category, script, source, notes] = *cells;
    reader.require(term, "term");
    reader.require(drug, "drug");
    reader.require(category, "category");
    drugs.push_back({.term = std::string(term),
                     .normalized = normalized_or_fail(reader, term),
                     .drug = std::string(drug),
                     .category = std::string(category),
                     .ambiguous = notes == "ambiguous"});
  }
  return drugs;
}

std::vector<phrase> parse_phrases(tsv_reader reader) {
  std::vector<phrase> phrases;
  while (const std::optional<row> cells = reader.next()) {
    const auto& [text, kind_name, strength_name, lang, source, notes] = *cells;
    reader.require(text, "phrase");
    reader.require(lang, "lang");
    // Clang before 16 cannot capture a structured binding, hence the named copy.
    const auto* kind =
        std::find_if(std::begin(kind_names), std::end(kind_names),
                     [name = kind_name](const auto& entry) { return entry.first == name; });
    if (kind == std::end(kind_names)) {
      reader.fail("unknown kind \"" + std::string(kind_name) + "\"");
    }
    phrase_strength strength;
    if (strength_name == "strong") {
      strength = phrase_strength::strong;
    } else if (strength_name == "weak") {
      strength = phrase_strength::weak;
    } else {
      reader.fail("unknown strength \"" + std::string(strength_name) +
                  "\" (expected strong or weak)");
    }
    phrases.push_back({.text = std::string(text),
                       .normalized = normalized_or_fail(reader, text),
                       .kind = kind->second,
                       .strength = strength,
                       .lang = std::string(lang)});
  }
  return phrases;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw lexicon_error(path.string() + ": cannot open");
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw lexicon_error(path.string() + ": read error");
  return content;
}

}  // namespace

std::string_view to_string(phrase_kind kind) {
  for (const auto& [name, value] : kind_names) {
    if (value == kind) return name;
  }
  return "unknown";
}

lexicon parse_lexicon(const lexicon_text& text) {
  const std::filesystem::path origin(text.origin);
  return {.drugs = parse_drugs(
              tsv_reader((origin / "drugs.tsv").string(), text.drugs_tsv, drugs_header)),
          .phrases = parse_phrases(
              tsv_reader((origin / "phrases.tsv").string(), text.phrases_tsv, phrases_header))};
}

lexicon load_lexicon(const std::filesystem::path& dir) {
  const std::string drugs = read_file(dir / "drugs.tsv");
  const std::string phrases = read_file(dir / "phrases.tsv");
  return parse_lexicon({.drugs_tsv = drugs, .phrases_tsv = phrases, .origin = dir.string()});
}

}  // namespace geocrawl
