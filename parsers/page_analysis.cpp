#include "parsers/page_analysis.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "parsers/charset/charset.hpp"
#include "parsers/contact_ids.hpp"
#include "parsers/text_normalizer.hpp"

namespace geocrawl {

namespace {

std::string_view media_type(std::string_view content_type) {
  const auto end = content_type.find(';');
  auto type = content_type.substr(0, end);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  return type;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Everything a visitor reads: the title, the description search engines show, the body
// text and the alt text of images (shops put drug names in banner images).
std::string readable_text(const page_extract& page) {
  std::string text;
  text.reserve(page.title.size() + page.meta_description.size() + page.text.size() + 256);
  text += page.title;
  text += '\n';
  text += page.meta_description;
  text += '\n';
  text += page.text;
  for (const auto& alt : page.image_alts) {
    text += '\n';
    text += alt;
  }
  return text;
}

// Bump when the analysis code changes what it computes from the same bytes (extraction,
// normalisation, matching rules, the record's layout): stored analyses of another revision
// are then redone when met.
constexpr std::string_view analysis_revision = "a4";

// FNV-1a over every field of the lexicon, each ended by a separator: an identity, not a
// defence (the lexicon is our own data).
class fingerprint {
 public:
  void add(std::string_view text) {
    for (const char c : text) mix(static_cast<unsigned char>(c));
    mix(0x1f);
  }
  void add(int value) { add(std::to_string(value)); }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash_));
    return out;
  }

 private:
  void mix(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string analyser_version(const lexicon& vocabulary) {
  fingerprint lexicon_identity;
  for (const auto& term : vocabulary.drugs) {
    lexicon_identity.add(term.term);
    lexicon_identity.add(term.drug);
    lexicon_identity.add(term.category);
    lexicon_identity.add(term.ambiguous ? 1 : 0);
  }
  for (const auto& entry : vocabulary.phrases) {
    lexicon_identity.add(entry.text);
    lexicon_identity.add(static_cast<int>(entry.kind));
    lexicon_identity.add(static_cast<int>(entry.strength));
    lexicon_identity.add(entry.lang);
  }
  return std::string(analysis_revision) + "-" + lexicon_identity.hex();
}

// The markup's identifiers moved out of the extract (they are stored once, here), the text's
// contacts and the template added.
std::vector<page_identifier> identify(document_extract& document, const findings& found,
                                      std::string_view normalized_text) {
  identifier_collector ids;
  for (auto& id : document.identifiers) ids.add(id.kind, std::move(id.value));
  document.identifiers.clear();
  find_contacts_in_text(normalized_text, ids);
  if (document.skeleton_elements >= min_template_elements && page_sells(document.page, found))
    ids.add(identifier_kind::template_fp, document.skeleton);
  document.skeleton.clear();
  document.skeleton_elements = 0;
  if (ids.truncated()) document.page.truncated = true;
  return ids.take();
}

}  // namespace

bool page_sells(const page_extract& page, const findings& found) {
  return std::any_of(page.forms.begin(), page.forms.end(),
                     [](const form_summary& form) { return form.checkout; }) ||
         std::any_of(found.signals.begin(), found.signals.end(),
                     [](const std::string& signal) { return signal.starts_with("commerce_"); });
}

page_analysis resolve_analysis(const document_analysis& analysis, std::string_view url) {
  return {analysis.charset,
          analysis.charset_source,
          analysis.declared_charset,
          resolve_references(analysis.document, url),
          analysis.found,
          analysis.identifiers};
}

bool is_html(std::string_view content_type) {
  const auto type = media_type(content_type);
  return type.empty() || equals_ignoring_case(type, "text/html") ||
         equals_ignoring_case(type, "application/xhtml+xml");
}

bool is_analysable(std::string_view content_type) {
  return is_html(content_type) || equals_ignoring_case(media_type(content_type), "text/plain");
}

page_analyzer::page_analyzer(lexicon vocabulary)
    : lexicon_(std::move(vocabulary)), matcher_(lexicon_), version_(analyser_version(lexicon_)) {}

page_analysis page_analyzer::analyze(std::string_view body, std::string_view content_type,
                                     std::string_view url) const {
  return resolve_analysis(analyze_document(body, content_type), url);
}

document_analysis page_analyzer::analyze_document(std::string_view body,
                                                  std::string_view content_type) const {
  document_analysis result;
  auto decoded = decode_to_utf8(body, content_type);
  result.charset = std::move(decoded.charset);
  result.charset_source = to_string(decoded.source);
  result.declared_charset = std::move(decoded.declared);
  result.document = extract_document(decoded.utf8);
  // The text read is the same for every URL: titles, descriptions, text and alt text.
  const auto text = normalize_text(readable_text(result.document.page));
  result.found = find_in_text(matcher_, lexicon_, text);
  result.identifiers = identify(result.document, result.found, text);
  // A crawl keeps analyses for reuse (crawler/verdict/analysis_cache) and budgets them by
  // their serialised size; the text grew by doubling, so up to half its capacity would sit
  // unused beside each one kept.
  result.document.page.text.shrink_to_fit();
  return result;
}

}  // namespace geocrawl
