#include "crawler/report/text_diff.hpp"

#include <algorithm>
#include <cstdint>

#include "crawler/report/html_escape.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

using tokens = std::vector<std::string_view>;

// Words, and "\n" for each line break, so the diff keeps the text's lines.
tokens tokenize(std::string_view text) {
  tokens out;
  std::size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '\n') {
      out.push_back(text.substr(at, 1));
      ++at;
    } else if (is_ascii_whitespace(text[at])) {
      ++at;
    } else {
      auto end = at;
      while (end < text.size() && !is_ascii_whitespace(text[end])) ++end;
      out.push_back(text.substr(at, end - at));
      at = end;
    }
  }
  return out;
}

void append_token(text_diff& diff, diff_change change, std::string_view token) {
  if (diff.pieces.empty() || diff.pieces.back().change != change) {
    diff.pieces.push_back({change, {}, 0});
  }
  auto& piece = diff.pieces.back();
  if (token == "\n") {
    piece.text += '\n';
    return;
  }
  if (!piece.text.empty() && piece.text.back() != '\n') piece.text += ' ';
  piece.text += token;
  ++piece.words;
}

// The classic LCS table over two short token runs; lengths fit 16 bits as max_tokens is small.
void append_lcs_diff(text_diff& diff, const tokens& a, const tokens& b) {
  auto columns = b.size() + 1;
  std::vector<std::uint16_t> table((a.size() + 1) * columns, 0);
  auto cell = [&](std::size_t i, std::size_t j) -> std::uint16_t& {
    return table[i * columns + j];
  };
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      cell(i, j) = a[i] == b[j] ? static_cast<std::uint16_t>(cell(i + 1, j + 1) + 1)
                                : std::max(cell(i + 1, j), cell(i, j + 1));
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      append_token(diff, diff_change::same, a[i]);
      ++i;
      ++j;
    } else if (cell(i + 1, j) >= cell(i, j + 1)) {
      append_token(diff, diff_change::removed, a[i++]);
    } else {
      append_token(diff, diff_change::added, b[j++]);
    }
  }
  for (; i < a.size(); ++i) append_token(diff, diff_change::removed, a[i]);
  for (; j < b.size(); ++j) append_token(diff, diff_change::added, b[j]);
}

}  // namespace

text_diff diff_words(std::string_view before, std::string_view after, const diff_limits& limits) {
  text_diff diff;
  diff.input_cut = before.size() > limits.max_input_bytes || after.size() > limits.max_input_bytes;
  auto a = tokenize(before.substr(0, limits.max_input_bytes));
  auto b = tokenize(after.substr(0, limits.max_input_bytes));

  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  for (std::size_t k = 0; k < prefix; ++k) append_token(diff, diff_change::same, a[k]);

  auto max_tokens = std::min<std::size_t>(limits.max_tokens, UINT16_MAX - 1);
  tokens middle_a(a.begin() + static_cast<std::ptrdiff_t>(prefix),
                  a.end() - static_cast<std::ptrdiff_t>(suffix));
  tokens middle_b(b.begin() + static_cast<std::ptrdiff_t>(prefix),
                  b.end() - static_cast<std::ptrdiff_t>(suffix));
  if (middle_a.size() > max_tokens || middle_b.size() > max_tokens) {
    // Too long to compare whole: the common end would follow text that was not compared, so
    // it is counted with it rather than shown as the same.
    auto keep_a = std::min(middle_a.size(), max_tokens);
    auto keep_b = std::min(middle_b.size(), max_tokens);
    diff.uncompared_before = middle_a.size() - keep_a + suffix;
    diff.uncompared_after = middle_b.size() - keep_b + suffix;
    middle_a.resize(keep_a);
    middle_b.resize(keep_b);
    append_lcs_diff(diff, middle_a, middle_b);
    return diff;
  }
  append_lcs_diff(diff, middle_a, middle_b);
  for (std::size_t k = a.size() - suffix; k < a.size(); ++k) {
    append_token(diff, diff_change::same, a[k]);
  }
  return diff;
}

std::string text_diff_html(const text_diff& diff) {
  // An unchanged run keeps this many words at each end; the middle is only counted.
  constexpr std::size_t kept_words = 12;
  std::string html = "<div class=\"diff\">";
  for (const auto& piece : diff.pieces) {
    switch (piece.change) {
      case diff_change::removed:
        html += "<del>";
        append_html_text(html, piece.text);
        html += "</del> ";
        break;
      case diff_change::added:
        html += "<ins>";
        append_html_text(html, piece.text);
        html += "</ins> ";
        break;
      case diff_change::same: {
        if (piece.words <= 2 * kept_words) {
          append_html_text(html, piece.text);
          html += ' ';
          break;
        }
        auto words = tokenize(piece.text);
        std::size_t shown = 0;
        auto head_end = std::find_if(words.begin(), words.end(), [&](std::string_view token) {
          return token != "\n" && ++shown > kept_words;
        });
        shown = 0;
        auto tail_begin = std::find_if(words.rbegin(), words.rend(), [&](std::string_view token) {
                            return token != "\n" && ++shown > kept_words;
                          }).base();
        auto join = [&](auto first, auto last) {
          for (auto it = first; it != last; ++it) {
            append_html_text(html, *it);
            html += *it == "\n" ? "" : " ";
          }
        };
        join(words.begin(), head_end);
        html += "<span class=\"note\">(" + std::to_string(piece.words - 2 * kept_words) +
                " words the same)</span> ";
        join(tail_begin, words.end());
        break;
      }
    }
  }
  html += "</div>\n";
  if (diff.uncompared_before > 0 || diff.uncompared_after > 0) {
    html += "<p class=\"note\">The texts differ too much to compare whole: the last " +
            std::to_string(diff.uncompared_before) + " words of the baseline and " +
            std::to_string(diff.uncompared_after) + " of this vantage were not compared.</p>\n";
  }
  if (diff.input_cut) {
    html += "<p class=\"note\">A text is long: only its first part was compared.</p>\n";
  }
  return html;
}

}  // namespace geocrawl
