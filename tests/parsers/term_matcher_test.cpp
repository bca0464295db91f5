#include "parsers/term_matcher.hpp"

#include "parsers/lexicon.hpp"
#include "parsers/text_normalizer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace geocrawl {
namespace {

constexpr std::uint32_t drug = 0;
constexpr std::uint32_t state = 1;
constexpr std::uint32_t crypto = 2;
constexpr std::uint32_t no_rx = 3;

// Normalised, as the lexicon hands them over. Tests name patterns by text.
const std::vector<matcher_pattern> test_patterns = {
    {"cialis", drug},
    {"tramadol", drug},
    {"viagra", drug},
    {"カマグラ", drug},
    {"スーパーカマグラ", drug},
    {"佐匹克隆", drug},
    {"右佐匹克隆", drug},
    {"kamagra", drug},
    {"super kamagra", drug},
    {"バイアグラ", drug},
    {"diane-35", drug},
    {"лирика", drug},
    {"hcg", drug},
    {"index of /", state},
    {"welcome to nginx!", state},
    {"bitcoin", crypto, true},
    {"pago con bitcoin", crypto, false},
    {"no prescription", no_rx, false},
    {"no prescription required", no_rx, true},
    {"処方箋なし", no_rx, false},
    {"viagra original", no_rx, false},
};

struct match_case {
  std::string_view text;
  // "pattern@offset", sorted by offset, longer first.
  std::vector<std::string_view> expected;
};

const match_case match_cases[] = {
    {"", {}},
    {"nothing here", {}},
    // Latin terms need word boundaries on both sides.
    {"cialis", {"cialis@0"}},
    {"buy cialis.", {"cialis@4"}},
    {"(cialis)", {"cialis@1"}},
    {"cialis, cialis", {"cialis@0", "cialis@8"}},
    {"specialist", {}},
    {"socialist", {}},
    {"cialiss", {}},
    {"tramadol", {"tramadol@0"}},
    {"tramadolo", {}},
    {"xtramadol", {}},
    {"viagra-online", {"viagra@0"}},
    {"buy_viagra", {"viagra@4"}},
    {"viagraś", {}},         // a Latin letter outside ASCII
    {"viagra\xCC\x81", {}},  // a combining mark belongs to the word
    // A letter next to a digit is a boundary: shops write "Viagra100mg" and "hcg5000iu".
    {"viagra100mg", {"viagra@0"}},
    {"100viagra", {"viagra@3"}},
    {"hcg5000iu", {"hcg@0"}},
    // A digit next to a digit is not.
    {"diane-35", {"diane-35@0"}},
    {"diane-350", {}},
    {"diane-35mg", {"diane-35@0"}},
    {"xdiane-35", {}},
    // Next to kana or Han, a Latin term still matches: Japanese does not space words.
    {"ed治療薬viagra通販", {"viagra@11"}},
    {"バイアグラviagra", {"バイアグラ@0", "viagra@15"}},
    // Cyrillic terms have boundaries too.
    {"лирика", {"лирика@0"}},
    {"купить лирика.", {"лирика@13"}},
    {"лирикой", {}},
    // CJK terms match anywhere.
    {"バイアグラ通販", {"バイアグラ@0"}},
    {"格安バイアグラ", {"バイアグラ@6"}},
    {"処方箋なしで", {"処方箋なし@0"}},
    // Longest match: a term inside a longer one of the same group is not reported.
    {"スーパーカマグラ", {"スーパーカマグラ@0"}},
    {"カマグラとスーパーカマグラ", {"カマグラ@0", "スーパーカマグラ@15"}},
    {"右佐匹克隆", {"右佐匹克隆@0"}},
    {"佐匹克隆", {"佐匹克隆@0"}},
    {"super kamagra", {"super kamagra@0"}},
    {"kamagra super", {"kamagra@0"}},
    {"no prescription required", {"no prescription required@0"}},
    {"no prescription", {"no prescription@0"}},
    // ... but a strong one inside a weak one of its group is kept.
    {"pago con bitcoin", {"pago con bitcoin@0", "bitcoin@9"}},
    // Different groups do not hide each other.
    {"viagra original", {"viagra original@0", "viagra@0"}},
    // Phrases that begin or end with punctuation: boundaries only at the letter ends.
    {"index of /", {"index of /@0"}},
    {"index of /pub", {"index of /@0"}},
    {"reindex of /", {}},
    {"welcome to nginx!!", {"welcome to nginx!@0"}},
    // Ill-formed UTF-8 next to a match is a boundary, and does not derail the scan.
    {"\xFF"
     "cialis\xE3",
     {"cialis@1"}},
    {"\xE3\x81"
     "バイアグラ",
     {"バイアグラ@2"}},
};

std::vector<std::string> describe(const std::vector<term_match>& matches,
                                  const std::vector<matcher_pattern>& patterns) {
  std::vector<std::string> out;
  for (const term_match& m : matches) {
    out.push_back(patterns[m.pattern].text + "@" + std::to_string(m.offset));
    CHECK(m.length == patterns[m.pattern].text.size());
  }
  return out;
}

TEST_CASE("term_matcher: word boundaries, CJK anywhere, longest match") {
  const term_matcher matcher(test_patterns);
  for (const match_case& c : match_cases) {
    CAPTURE(c.text);
    const std::vector<std::string> expected(c.expected.begin(), c.expected.end());
    CHECK(describe(matcher.find_all(c.text), test_patterns) == expected);
  }
}

TEST_CASE("term_matcher: identical patterns are both reported") {
  const std::vector<matcher_pattern> patterns = {{"soma", 0}, {"soma", 1}, {"soma", 0}};
  const term_matcher matcher(patterns);
  CHECK(describe(matcher.find_all("soma"), patterns).size() == 3);
}

TEST_CASE("term_matcher: patterns may hold every byte value") {
  std::vector<matcher_pattern> patterns;
  std::string text;
  for (int b = 0; b < 256; ++b) {
    const std::string pattern = {'\x01', static_cast<char>(b)};
    patterns.push_back({pattern, static_cast<std::uint32_t>(b)});
    text += pattern + "\x01";
  }
  const term_matcher matcher(patterns);
  const std::vector<term_match> found = matcher.find_all(text);
  for (std::uint32_t b = 0; b < 256; ++b) {
    CAPTURE(b);
    CHECK(std::any_of(found.begin(), found.end(),
                      [&](const term_match& m) { return m.pattern == b && m.offset == 3 * b; }));
  }
}

TEST_CASE("term_matcher: without patterns, finds nothing") {
  const term_matcher matcher(std::vector<matcher_pattern>{});
  CHECK(matcher.find_all("").empty());
  CHECK(matcher.find_all(std::string(5000, 'a')).empty());
}

TEST_CASE("term_matcher: an empty pattern is refused") {
  CHECK_THROWS_AS(term_matcher(std::vector<matcher_pattern>{{"a"}, {""}}), std::invalid_argument);
}

// The automaton against a naive search: random patterns and texts over an alphabet with no
// letters or digits (so no boundary rules) and one group per pattern (so nothing is hidden).
// Shared prefixes and suffixes, multi-byte characters and bytes of every range exercise the
// failure links; texts from a few bytes to several KiB, both the single scan of short texts
// and the four lanes of long ones, with matches across the lanes' seams.
TEST_CASE("term_matcher: finds exactly what a naive search finds") {
  constexpr std::string_view alphabet[] = {"-",  "+",  "/",    "。",   "カ", "マ",
                                           "グ", "ラ", "\xFF", "\x01", "処", "方"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1);
  const auto random_string = [&](int max_length) {
    std::string s;
    for (int k = std::uniform_int_distribution<int>(1, max_length)(random); k > 0; --k) {
      s += alphabet[pick(random)];
    }
    return s;
  };
  for (int round = 0; round < 10; ++round) {
    std::vector<matcher_pattern> patterns;
    for (std::uint32_t p = 0; p < 100; ++p) patterns.push_back({random_string(8), p});
    const term_matcher matcher(patterns);
    for (int t = 0; t < 10; ++t) {
      const std::string text = random_string(t < 5 ? 100 : 2500);
      std::vector<term_match> expected;
      for (std::size_t offset = 0; offset < text.size(); ++offset) {
        for (std::uint32_t p = 0; p < patterns.size(); ++p) {
          if (std::string_view(text).substr(offset).starts_with(patterns[p].text)) {
            expected.push_back({p, offset, patterns[p].text.size()});
          }
        }
      }
      std::vector<term_match> found = matcher.find_all(text);
      const auto key = [](const term_match& m) {
        return std::tuple(m.offset, m.length, m.pattern);
      };
      const auto order = [&](const term_match& a, const term_match& b) { return key(a) < key(b); };
      const auto same = [&](const term_match& a, const term_match& b) { return key(a) == key(b); };
      std::sort(expected.begin(), expected.end(), order);
      std::sort(found.begin(), found.end(), order);
      CAPTURE(text);
      CHECK(std::equal(found.begin(), found.end(), expected.begin(), expected.end(), same));
    }
  }
}

// Long texts are scanned in four lanes; a match that straddles a seam between two lanes, at any
// position, is found exactly once.
TEST_CASE("term_matcher: matches across the seams of the lanes") {
  const std::vector<matcher_pattern> patterns = {{"処方箋不要"}, {"-+"}};
  const term_matcher matcher(patterns);
  const std::string_view term = "処方箋不要";
  constexpr std::size_t length = 4000;  // lanes of 1000 bytes
  for (std::size_t seam : {1000, 2000, 3000}) {
    for (std::size_t at = seam - term.size(); at <= seam; ++at) {
      CAPTURE(seam);
      CAPTURE(at);
      std::string text(length, '.');
      text.replace(at, term.size(), term);
      CHECK(describe(matcher.find_all(text), patterns) ==
            std::vector<std::string>{"処方箋不要@" + std::to_string(at)});
    }
  }
  // And a match in the bytes the last lane takes beyond four equal quarters.
  std::string text(length + 3, '.');
  text.replace(length + 1, 2, "-+");
  CHECK(describe(matcher.find_all(text), patterns) ==
        std::vector<std::string>{"-+@" + std::to_string(length + 1)});
}

TEST_CASE("term_matcher: the shipped lexicon") {
  const lexicon lex = load_lexicon(GEOCRAWL_SOURCE_DIR "/data/lexicon");
  const term_matcher matcher(lex);
  const auto terms_in = [&](std::string_view text) {
    std::vector<std::string> terms;
    for (const term_match& m : matcher.find_all(normalize_text(text))) {
      terms.push_back(m.pattern < lex.drugs.size()
                          ? lex.drugs[m.pattern].term
                          : lex.phrases[m.pattern - lex.drugs.size()].text);
    }
    return terms;
  };
  CHECK(terms_in("Ask a specialist about socialism.").empty());
  CHECK(terms_in("ＶＩＡＧＲＡ") == std::vector<std::string>{"Viagra"});
  CHECK(terms_in("ﾊﾞｲｱｸﾞﾗ") == std::vector<std::string>{"バイアグラ"});
  CHECK(terms_in("スーパーカマグラ") == std::vector<std::string>{"スーパーカマグラ"});
  CHECK(terms_in("右佐匹克隆") == std::vector<std::string>{"右佐匹克隆"});
  CHECK(terms_in("Tramadolo") == std::vector<std::string>{});
  CHECK(terms_in("Somatropin") == std::vector<std::string>{"somatropin"});
  // Every drug term finds itself, as written, in a sentence.
  for (const drug_term& t : lex.drugs) {
    CAPTURE(t.term);
    const std::vector<std::string> found = terms_in("Order " + t.term + " today.");
    CHECK(std::find(found.begin(), found.end(), t.term) != found.end());
  }
}

}  // namespace
}  // namespace geocrawl
