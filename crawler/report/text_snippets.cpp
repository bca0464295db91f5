#include "crawler/report/text_snippets.hpp"

#include <algorithm>

#include "crawler/report/bounded_text.hpp"
#include "crawler/report/html_escape.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

bool is_word_byte(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

std::vector<text_range> find_matches(std::string_view lowered_text,
                                     const std::vector<std::string>& terms,
                                     std::size_t max_matches) {
  std::vector<text_range> matches;
  for (const auto& term : terms) {
    if (term.empty()) continue;
    auto needle = ascii_lowercase(term);
    bool bounded_start = is_word_byte(needle.front());
    bool bounded_end = is_word_byte(needle.back());
    for (auto at = lowered_text.find(needle);
         at != std::string_view::npos && matches.size() < max_matches;
         at = lowered_text.find(needle, at + 1)) {
      auto end = at + needle.size();
      if (bounded_start && at > 0 && is_word_byte(lowered_text[at - 1])) continue;
      if (bounded_end && end < lowered_text.size() && is_word_byte(lowered_text[end])) continue;
      matches.push_back({at, end});
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const text_range& a, const text_range& b) { return a.begin < b.begin; });
  return matches;
}

}  // namespace

text_snippets find_snippets(std::string_view text, const std::vector<std::string>& terms,
                            const snippet_limits& limits) {
  text_snippets found;
  found.search_cut = text.size() > limits.search_bytes;
  auto searched = utf8_prefix(text, limits.search_bytes);
  auto matches = find_matches(ascii_lowercase(searched), terms, limits.max_matches);

  for (const auto& match : matches) {
    auto& snippets = found.snippets;
    auto end = character_end(searched, std::min(searched.size(), match.end + limits.context_bytes));
    if (!snippets.empty() && match.begin <= snippets.back().window.end) {
      auto& last = snippets.back();
      if (match.begin < last.marks.back().end) {
        // Overlaps the last mark ("no prescription" and "prescription"): one mark.
        last.marks.back().end = std::max(last.marks.back().end, match.end);
        last.window.end = std::max(last.window.end, end);
        continue;
      }
      if (end - last.window.begin <= limits.max_snippet_bytes) {
        last.marks.push_back(match);
        last.window.end = std::max(last.window.end, end);
        continue;
      }
      // Too much for one window: the last one stops where this match starts the next, so no
      // match shows unmarked and no text twice.
      last.window.end = match.begin;
    }
    if (snippets.size() == limits.max_snippets) {
      found.more_matches = true;
      break;
    }
    auto begin = character_start(
        searched, match.begin > limits.context_bytes ? match.begin - limits.context_bytes : 0);
    if (!snippets.empty()) begin = std::max(begin, snippets.back().window.end);
    snippets.push_back({{begin, end}, {match}});
  }
  return found;
}

std::string snippets_html(std::string_view text, const text_snippets& found) {
  std::string html;
  for (const auto& snippet : found.snippets) {
    html += "<p class=\"snippet\">";
    if (snippet.window.begin > 0) html += "…";
    auto at = snippet.window.begin;
    for (const auto& mark : snippet.marks) {
      append_html_text(html, text.substr(at, mark.begin - at));
      html += "<mark>";
      append_html_text(html, text.substr(mark.begin, mark.end - mark.begin));
      html += "</mark>";
      at = mark.end;
    }
    append_html_text(html, text.substr(at, snippet.window.end - at));
    if (snippet.window.end < text.size()) html += "…";
    html += "</p>\n";
  }
  if (found.more_matches) html += "<p class=\"note\">More matches are not shown.</p>\n";
  if (found.search_cut) {
    html += "<p class=\"note\">The text is long: only its start was searched.</p>\n";
  }
  return html;
}

}  // namespace geocrawl
