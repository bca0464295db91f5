#include "parsers/refresh_scan.hpp"

#include <algorithm>

#include "parsers/ascii.hpp"
#include "parsers/nesting_guard/html_markup_scan.hpp"

namespace geocrawl {

namespace {

constexpr auto npos = std::string_view::npos;

bool is_refresh_meta(const markup_tag& tag, std::string_view* content) {
  if (tag.tag != GUMBO_TAG_META) return false;
  std::string_view equiv;
  if (!find_markup_attribute(tag.attributes, "http-equiv", &equiv)) return false;
  if (!equals_ignoring_ascii_case(trim_ascii_whitespace(equiv), "refresh")) return false;
  return find_markup_attribute(tag.attributes, "content", content);
}

// Whether "refresh" occurs in `html` in any ASCII case. A refresh the scan accepts has an
// http-equiv value that trims to that word, and the value is a slice of `html`, so a page
// that never spells it (nearly every page) has none, and skips the tag-by-tag scan. The
// word is sought from its 'f' with memchr: of its letters the rarest in markup (1.0% of the
// benchmark's page bytes, against 3.7% for 'r' and 4.5% for 'e').
bool mentions_refresh(std::string_view html) {
  constexpr std::string_view word = "refresh";
  constexpr std::size_t f_offset = 2;
  std::size_t next_lower = html.find('f');
  std::size_t next_upper = html.find('F');
  while (true) {  // every pass moves one of the two cursors forward
    const std::size_t at = std::min(next_lower, next_upper);
    if (at == npos) return false;
    if (at >= f_offset &&
        equals_ignoring_ascii_case(html.substr(at - f_offset, word.size()), word)) {
      return true;
    }
    if (at == next_lower) {
      next_lower = html.find('f', at + 1);
    } else {
      next_upper = html.find('F', at + 1);
    }
  }
}

// Where the content of an element whose text the tokenizer does not read as markup ends.
std::size_t skip_raw_text(std::string_view html, std::size_t after_tag, const markup_tag& tag) {
  switch (tag.tag) {
    case GUMBO_TAG_SCRIPT:
      return find_script_end(html, after_tag);
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_PLAINTEXT:
      return find_raw_text_end(html, after_tag, tag.name);
    default:
      return after_tag;
  }
}

}  // namespace

std::optional<refresh_content> find_meta_refresh(std::string_view html, std::size_t max_bytes) {
  html = html.substr(0, max_bytes);
  if (!mentions_refresh(html)) return std::nullopt;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != npos) {  // every pass moves i forward
    if (html.compare(i, 4, "<!--") == 0) {
      i = find_comment_end(html, i + 4);
      continue;
    }
    if (i + 1 >= html.size() || !is_ascii_alpha(html[i + 1])) {
      ++i;
      continue;
    }
    markup_tag tag;
    const auto after = read_markup_tag(html, i + 1, tag);
    if (after == npos) return std::nullopt;
    std::string_view content;
    if (is_refresh_meta(tag, &content)) {
      if (auto refresh = parse_refresh_content(content)) return refresh;
    }
    i = tag.self_closing ? after : skip_raw_text(html, after, tag);
  }
  return std::nullopt;
}

}  // namespace geocrawl
