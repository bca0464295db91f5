#pragma once
// What the baseline's visible text has that a vantage's has not, and the other way round: a
// word-level diff (line breaks kept as tokens) by longest common subsequence. Bounded in
// memory and time: the common start and end are skipped for free, and the LCS table covers at
// most max_tokens words a side; what lies past that is counted, not compared, and said so.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

struct diff_limits {
  std::size_t max_input_bytes = 1 << 20;  // of each text, from its start
  std::size_t max_tokens = 1500;          // a side, after the common start and end
};

enum class diff_change { same, removed, added };

// A run of tokens with the same change, joined as they read: words by one space, lines by '\n'.
struct diff_piece {
  diff_change change = diff_change::same;
  std::string text;
  std::size_t words = 0;
};

struct text_diff {
  std::vector<diff_piece> pieces;
  // Tokens of each side past the compared stretch (after a cut at max_tokens or
  // max_input_bytes): not compared, so neither same nor changed.
  std::size_t uncompared_before = 0;
  std::size_t uncompared_after = 0;
  bool input_cut = false;  // a text was longer than max_input_bytes
};

text_diff diff_words(std::string_view before, std::string_view after,
                     const diff_limits& limits = {});

// The diff as HTML: removed words in <del>, added ones in <ins>, long unchanged runs shortened
// to their ends around "(N words the same)", and a note when something was not compared.
std::string text_diff_html(const text_diff& diff);

}  // namespace geocrawl
