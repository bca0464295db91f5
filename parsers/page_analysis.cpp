#include "parsers/page_analysis.hpp"

#include "parsers/charset/charset.hpp"
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

}  // namespace

bool is_html(std::string_view content_type) {
  const auto type = media_type(content_type);
  return type.empty() || equals_ignoring_case(type, "text/html") ||
         equals_ignoring_case(type, "application/xhtml+xml");
}

bool is_analysable(std::string_view content_type) {
  return is_html(content_type) || equals_ignoring_case(media_type(content_type), "text/plain");
}

page_analyzer::page_analyzer(lexicon vocabulary)
    : lexicon_(std::move(vocabulary)), matcher_(lexicon_) {}

page_analysis page_analyzer::analyze(std::string_view body, std::string_view content_type,
                                     std::string_view url) const {
  page_analysis result;
  auto decoded = decode_to_utf8(body, content_type);
  result.charset = std::move(decoded.charset);
  result.charset_source = to_string(decoded.source);
  result.declared_charset = std::move(decoded.declared);
  result.page = extract_page(decoded.utf8, url);
  result.found = find_in_text(matcher_, lexicon_, normalize_text(readable_text(result.page)));
  return result;
}

}  // namespace geocrawl
