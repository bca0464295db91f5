#pragma once
// How alike the texts two vantages were served are, for telling a cloaking site (the shop to
// Japan, "工事中" to everyone else) from one that merely rotates a banner. A page's text
// becomes a set of shingles, and two pages compare by the Jaccard index of their sets,
// estimated from bounded samples so that a 5 MB page costs no more memory than a small one.
//
// Shingles are taken from the normalised text (normalize_text: NFKC + case fold, so width and
// case variants compare equal):
// * Words are runs of letters, digits and combining marks outside the scripts below. Every
//   shingle is three consecutive words, or all the words of a text that has fewer.
// * Han, Hiragana, Katakana and Hangul are written without spaces, so their runs give
//   character trigrams instead (a run of one or two characters is a shingle by itself).
//   A run does not interrupt the words around it.
// * What changes from request to request must not move the score: a word containing a digit
//   (price, date, time, order number), and a word of 16 or more ASCII letters that reads like
//   a random token (all hex digits, or under a fifth vowels), is the placeholder "#";
//   consecutive placeholders are one ("12:30:05", "2024-11-27" and "¥3,980" are each a
//   single "#").
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace geocrawl {

struct text_fingerprint {
  // Hashes of the shingles: sorted, distinct, at most the max_shingles smallest of them.
  std::vector<std::uint64_t> shingles;
  // There were more distinct shingles than max_shingles: `shingles` is a sample (bottom-k).
  bool sampled = false;
  std::size_t text_bytes = 0;  // of the normalised text, for length ratios
};

// Linear in the text; besides the normalised copy of the text, memory is bounded by
// max_shingles. Throws std::invalid_argument when max_shingles is 0, and what
// normalize_text throws.
text_fingerprint fingerprint_text(std::string_view utf8_visible_text,
                                  std::size_t max_shingles = 4096);

// The Jaccard index of the two shingle sets, in [0, 1]: exact when neither fingerprint is
// sampled, else estimated from the samples (bottom-k MinHash). Two texts without shingles
// are alike (1); one without shingles is unlike any other (0).
double similarity(const text_fingerprint& a, const text_fingerprint& b);

// The shorter normalised text's length over the longer's, in [0, 1]; two empty texts: 1.
double length_ratio(const text_fingerprint& a, const text_fingerprint& b);

}  // namespace geocrawl
