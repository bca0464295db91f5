#include "parsers/term_matcher.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <utility>

namespace geocrawl {
namespace {

enum class char_class { other, letter, digit };

// Letters of the scripts that separate words with spaces decide boundaries; a combining mark
// belongs to the letter before it, so it counts as one.
char_class classify(UChar32 c) {
  if (c < 0) return char_class::other;  // ill-formed UTF-8, or nothing (start/end of text)
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return char_class::letter;
    if (c >= '0' && c <= '9') return char_class::digit;
    return char_class::other;
  }
  switch (u_charType(c)) {
    case U_DECIMAL_DIGIT_NUMBER:
      return char_class::digit;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return char_class::letter;
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER: {
      UErrorCode error = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(c, &error);
      if (script == USCRIPT_LATIN || script == USCRIPT_CYRILLIC || script == USCRIPT_GREEK) {
        return char_class::letter;
      }
      return char_class::other;
    }
    default:
      return char_class::other;
  }
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The code point that ends just before `offset`, or U_SENTINEL (negative) at the start of the
// text or after ill-formed bytes.
UChar32 code_point_before(std::string_view text, std::size_t offset) {
  if (offset == 0) return U_SENTINEL;
  std::size_t begin = offset - 1;
  while (begin > 0 && offset - begin < U8_MAX_LENGTH && is_continuation(text[begin])) --begin;
  const auto length = static_cast<std::int32_t>(offset - begin);
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(text.data() + begin, i, length, c);
  return i == length ? c : U_SENTINEL;
}

// The code point that starts at `offset`, or U_SENTINEL at the end or at ill-formed bytes.
UChar32 code_point_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return U_SENTINEL;
  const auto length =
      static_cast<std::int32_t>(std::min<std::size_t>(text.size() - offset, U8_MAX_LENGTH));
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(text.data() + offset, i, length, c);
  return c;
}

struct trie_node {
  std::vector<std::pair<unsigned char, std::int32_t>> children;
  std::vector<std::uint32_t> own_patterns;
  std::int32_t fail = 0;
  std::vector<std::uint32_t> outputs;  // own patterns, then those of the failure chain
  std::uint32_t state = 0;             // in the DFA

  std::int32_t child(unsigned char c) const {
    for (const auto& [byte, node] : children) {
      if (byte == c) return node;
    }
    return -1;
  }
};

}  // namespace

term_matcher::term_matcher(const std::vector<matcher_pattern>& patterns) {
  // An ordinary trie first: failure links and output lists are computed on it, then it is
  // compiled to the DFA.
  std::vector<trie_node> nodes(1);
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    const std::string& text = patterns[p].text;
    if (text.empty()) throw std::invalid_argument("term_matcher: empty pattern");
    std::int32_t node = 0;
    for (char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      std::int32_t next = nodes[node].child(c);
      if (next < 0) {
        next = static_cast<std::int32_t>(nodes.size());
        nodes[node].children.emplace_back(c, next);
        nodes.emplace_back();
      }
      node = next;
    }
    nodes[node].own_patterns.push_back(static_cast<std::uint32_t>(p));

    const auto edge_for = [](UChar32 c) {
      switch (classify(c)) {
        case char_class::letter:
          return edge::no_letter;
        case char_class::digit:
          return edge::no_digit;
        case char_class::other:
          break;
      }
      return edge::anything;
    };
    patterns_.push_back({.length = static_cast<std::uint32_t>(text.size()),
                         .group = patterns[p].group,
                         .strong = patterns[p].strong,
                         .before = edge_for(code_point_at(text, 0)),
                         .after = edge_for(code_point_before(text, text.size()))});
    group_count_ = std::max(group_count_, patterns[p].group + 1);
    longest_ = std::max(longest_, text.size());
  }

  // Breadth first, so a node's failure target (always shallower) is complete before it.
  std::vector<std::int32_t> order{0};
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (const auto& [c, child] : nodes[order[k]].children) order.push_back(child);
  }
  for (std::int32_t n : order) {
    for (const auto& [c, child] : nodes[n].children) {
      std::int32_t f = nodes[n].fail;
      std::int32_t target = 0;
      if (n != 0) {
        for (;;) {
          const std::int32_t next = nodes[f].child(c);
          if (next >= 0) {
            target = next;
            break;
          }
          if (f == 0) break;
          f = nodes[f].fail;
        }
      }
      trie_node& node = nodes[child];
      node.fail = target;
      node.outputs = node.own_patterns;
      const std::vector<std::uint32_t>& inherited = nodes[target].outputs;
      node.outputs.insert(node.outputs.end(), inherited.begin(), inherited.end());
    }
  }

  // Bytes that no pattern contains share class 0; every other byte is a class of its own.
  std::array<bool, 256> used{};
  for (const matcher_pattern& pattern : patterns) {
    for (char c : pattern.text) used[static_cast<unsigned char>(c)] = true;
  }
  class_count_ = std::find(used.begin(), used.end(), false) == used.end() ? 0 : 1;
  for (std::size_t c = 0; c < used.size(); ++c) {
    if (used[c]) byte_class_[c] = static_cast<std::uint8_t>(class_count_++);
  }
  if (nodes.size() > UINT32_MAX / class_count_) {
    throw std::length_error("term_matcher: too many patterns for one automaton");
  }

  // States with outputs first, so that "has outputs" is one comparison; breadth-first order
  // within each part keeps the busy states near the root close together.
  std::uint32_t next_state = 0;
  for (int with_outputs = 1; with_outputs >= 0; --with_outputs) {
    for (std::int32_t n : order) {
      if (nodes[n].outputs.empty() != (with_outputs == 1)) {
        nodes[n].state = next_state++ * class_count_;
      }
    }
    if (with_outputs == 1) match_limit_ = next_state * class_count_;
  }
  start_ = nodes[0].state;

  // A full row per state: the child on each class, else where the failure state goes on it
  // (its row is complete, being shallower).
  transitions_.resize(nodes.size() * class_count_);
  output_begin_.resize(match_limit_ / class_count_ + 1);
  for (std::int32_t n : order) {
    const trie_node& node = nodes[n];
    std::uint32_t* row = &transitions_[node.state];
    const std::uint32_t* fallback = &transitions_[nodes[node.fail].state];
    for (std::uint32_t k = 0; k < class_count_; ++k) row[k] = n == 0 ? start_ : fallback[k];
    for (const auto& [c, child] : node.children) row[byte_class_[c]] = nodes[child].state;
  }
  // Output lists in state order, so that state s's list ends where s + 1's begins.
  std::vector<const trie_node*> by_state(match_limit_ / class_count_);
  for (const trie_node& node : nodes) {
    if (!node.outputs.empty()) by_state[node.state / class_count_] = &node;
  }
  for (std::size_t s = 0; s < by_state.size(); ++s) {
    output_begin_[s] = static_cast<std::uint32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), by_state[s]->outputs.begin(), by_state[s]->outputs.end());
  }
  output_begin_.back() = static_cast<std::uint32_t>(outputs_.size());
}

namespace {

std::vector<matcher_pattern> patterns_of(const lexicon& lex) {
  std::vector<matcher_pattern> patterns;
  patterns.reserve(lex.drugs.size() + lex.phrases.size());
  for (const drug_term& term : lex.drugs) patterns.push_back({.text = term.normalized});
  for (const phrase& p : lex.phrases) {
    patterns.push_back({.text = p.normalized,
                        .group = 1 + static_cast<std::uint32_t>(p.kind),
                        .strong = p.strength == phrase_strength::strong});
  }
  return patterns;
}

}  // namespace

term_matcher::term_matcher(const lexicon& lex) : term_matcher(patterns_of(lex)) {}

// Four lanes: a quarter of the text each, stepped together. Each lane but the first starts
// reading longest_ - 1 bytes before its quarter without reporting, so that a match ending in
// its quarter is found whole; each match is reported by the lane its last byte belongs to.
void term_matcher::scan(std::string_view text, lane_hits& hits) const {
  // Below this, the warm-up of the lanes costs more than their parallelism saves.
  constexpr std::size_t min_lane_bytes = 256;
  const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::uint32_t* const next = transitions_.data();
  const auto step = [&](std::uint32_t state, std::size_t i) {
    return next[state + byte_class_[bytes[i]]];
  };
  const auto run = [&](std::uint32_t state, std::size_t from, std::size_t to,
                       std::vector<hit>& out) {
    for (std::size_t i = from; i < to; ++i) {
      state = step(state, i);
      if (state < match_limit_) out.push_back({state, i + 1});
    }
  };

  const std::size_t n = text.size();
  if (n < lanes * min_lane_bytes) {
    run(start_, 0, n, hits[0]);
    return;
  }
  const std::size_t quarter = n / lanes;
  std::array<std::uint32_t, lanes> state;
  for (std::size_t k = 0; k < lanes; ++k) {
    state[k] = start_;
    const std::size_t begin = k * quarter;
    for (std::size_t i = begin - std::min(begin, longest_ - 1); i < begin; ++i) {
      state[k] = step(state[k], i);
    }
  }
  static_assert(lanes == 4);
  std::uint32_t s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3];
  for (std::size_t i = 0; i < quarter; ++i) {
    s0 = step(s0, i);
    s1 = step(s1, quarter + i);
    s2 = step(s2, 2 * quarter + i);
    s3 = step(s3, 3 * quarter + i);
    if (std::min({s0, s1, s2, s3}) < match_limit_) [[unlikely]] {
      if (s0 < match_limit_) hits[0].push_back({s0, i + 1});
      if (s1 < match_limit_) hits[1].push_back({s1, quarter + i + 1});
      if (s2 < match_limit_) hits[2].push_back({s2, 2 * quarter + i + 1});
      if (s3 < match_limit_) hits[3].push_back({s3, 3 * quarter + i + 1});
    }
  }
  run(s3, lanes * quarter, n, hits[3]);  // the last lane also takes what n / lanes left over
}

void term_matcher::collect(const hit& h, std::string_view text,
                           std::vector<term_match>& found) const {
  const auto allows = [](edge e, UChar32 neighbour) {
    switch (e) {
      case edge::anything:
        return true;
      case edge::no_letter:
        return classify(neighbour) != char_class::letter;
      case edge::no_digit:
        return classify(neighbour) != char_class::digit;
    }
    return true;
  };
  const std::uint32_t state = h.state / class_count_;
  for (std::uint32_t k = output_begin_[state]; k < output_begin_[state + 1]; ++k) {
    const pattern_info& pattern = patterns_[outputs_[k]];
    const std::size_t offset = h.end - pattern.length;
    if (allows(pattern.before, code_point_before(text, offset)) &&
        allows(pattern.after, code_point_at(text, h.end))) {
      found.push_back({outputs_[k], offset, pattern.length});
    }
  }
}

std::vector<term_match> term_matcher::find_all(std::string_view text) const {
  lane_hits hits;
  scan(text, hits);
  std::vector<term_match> found;
  for (const std::vector<hit>& lane : hits) {
    for (const hit& h : lane) collect(h, text, found);
  }
  // Collected lane after lane, the matches are in order of their ends, so in order of offset
  // but for a few neighbours: insertion sort puts them right in about one pass, where a full
  // sort took as long as the scan.
  const auto before = [](const term_match& a, const term_match& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    return a.length != b.length ? a.length > b.length : a.pattern < b.pattern;
  };
  for (std::size_t i = 1; i < found.size(); ++i) {
    const term_match m = found[i];
    std::size_t j = i;
    for (; j > 0 && before(m, found[j - 1]); --j) found[j] = found[j - 1];
    found[j] = m;
  }
  // Matches come in offset order, so a match is contained in an earlier one of its group iff
  // the furthest end reached so far is past its end, or equal to it and reached by a match
  // that began earlier (an identical span does not hide another).
  struct reach {
    bool any = false;
    std::size_t end = 0;
    std::size_t offset = 0;

    bool covers(const term_match& m) const {
      const std::size_t m_end = m.offset + m.length;
      return any && (end > m_end || (end == m_end && offset < m.offset));
    }
    void extend(const term_match& m) {
      if (!any || m.offset + m.length > end) *this = {true, m.offset + m.length, m.offset};
    }
  };
  std::vector<reach> by_any(group_count_), by_strong(group_count_);
  std::size_t kept = 0;
  for (const term_match& m : found) {
    const pattern_info& pattern = patterns_[m.pattern];
    const bool hidden =
        pattern.strong ? by_strong[pattern.group].covers(m) : by_any[pattern.group].covers(m);
    if (hidden) continue;
    by_any[pattern.group].extend(m);
    if (pattern.strong) by_strong[pattern.group].extend(m);
    found[kept++] = m;
  }
  found.resize(kept);
  return found;
}

}  // namespace geocrawl
