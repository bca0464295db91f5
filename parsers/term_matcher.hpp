#pragma once

#include "parsers/lexicon.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

// What to look for. `text` is already normalised (normalize_text), as is the text searched.
struct matcher_pattern {
  std::string text;
  // A match hides the matches it fully contains that belong to the same group ("スーパーカマグラ"
  // is not also "カマグラ") ...
  std::uint32_t group = 0;
  // ... unless the contained match is strong and the container is not: a weak phrase that
  // happens to contain a strong one ("pago con bitcoin" ⊃ "bitcoin") must not throw away the
  // stronger evidence.
  bool strong = false;
};

struct term_match {
  std::uint32_t pattern;  // index into the patterns the matcher was built from
  std::size_t offset;     // byte offset in the searched text
  std::size_t length;     // bytes
};

// Finds every pattern in a text in one pass: Aho-Corasick over UTF-8 bytes, compiled to a
// full DFA (failure links resolved at build time, bytes folded into the classes the patterns
// distinguish). A step is one load, with no failure links to follow; the text is cut into four
// lanes scanned in lock-step, so four independent loads are in flight and cache misses
// overlap. The price is memory: about 12 MB for the shipped lexicon (22,000 states × 131 byte
// classes × 4 bytes). A double array with failure links took 0.5 MB, but it mispredicted a
// branch on about every fourth byte of mixed Japanese/English text and matched at under half
// the speed. Immutable once built: one matcher serves every thread.
//
// Matching rules:
// * Word boundaries, decided per end of the pattern. An end that is a Latin, Cyrillic or Greek
//   letter must not touch another such letter (or a combining mark) in the text: "specialist"
//   does not contain "cialis", "tramadolo" not "tramadol". An end that is a digit must not
//   touch another digit ("Diane-35" is not in "Diane-350"). Other ends (kana, Han, Hangul,
//   Thai, Arabic, punctuation) match anywhere: those scripts do not put spaces between words.
//   So a letter next to a digit is a boundary, on purpose: rogue shops write "Viagra100mg" and
//   "hcg5000iu", and a letter next to kana or Han is one too: Japanese pages write
//   "ED治療薬Viagra通販". Ill-formed UTF-8 next to a match counts as a boundary.
// * Of the matches of one group, a match fully contained in a longer one is not reported
//   (see matcher_pattern). Overlapping matches that do not contain each other, and matches of
//   different groups, are all reported.
class term_matcher {
 public:
  explicit term_matcher(const std::vector<matcher_pattern>& patterns);

  // Pattern i < lex.drugs.size() is lex.drugs[i]; pattern lex.drugs.size() + j is
  // lex.phrases[j]. Drug terms form one group, each phrase kind another; strong phrases are
  // strong.
  explicit term_matcher(const lexicon& lex);

  // Matches sorted by offset, longer first at the same offset, then by pattern.
  std::vector<term_match> find_all(std::string_view normalized_text) const;

 private:
  // What one end of a pattern requires of the neighbouring character in the text.
  enum class edge : std::uint8_t { anything, no_letter, no_digit };

  struct pattern_info {
    std::uint32_t length;
    std::uint32_t group;
    bool strong;
    edge before;
    edge after;
  };

  // A DFA state with outputs, reached when the byte before `end` was read.
  struct hit {
    std::uint32_t state;
    std::size_t end;
  };

  static constexpr std::size_t lanes = 4;
  using lane_hits = std::array<std::vector<hit>, lanes>;

  void scan(std::string_view text, lane_hits& hits) const;
  void collect(const hit& h, std::string_view text, std::vector<term_match>& found) const;

  std::vector<pattern_info> patterns_;
  std::uint32_t group_count_ = 0;
  std::size_t longest_ = 0;  // bytes of the longest pattern

  // States are numbered by row start: state s's successor on byte c is
  // transitions_[s + byte_class_[c]]. States with outputs come first, below match_limit_.
  std::array<std::uint8_t, 256> byte_class_{};
  std::uint32_t class_count_ = 0;
  std::vector<std::uint32_t> transitions_;
  std::uint32_t start_ = 0;
  std::uint32_t match_limit_ = 0;
  // The patterns that end in output state s (its own, then those of its failure chain) are
  // outputs_[output_begin_[s / class_count_] .. output_begin_[s / class_count_ + 1]).
  std::vector<std::uint32_t> output_begin_;
  std::vector<std::uint32_t> outputs_;
};

}  // namespace geocrawl
