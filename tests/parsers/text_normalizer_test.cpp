#include "parsers/text_normalizer.hpp"

#include <doctest/doctest.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <random>
#include <string>
#include <string_view>

namespace geocrawl {
namespace {

struct normalize_case {
  std::string_view input;
  std::string_view expected;
};

constexpr normalize_case normalize_cases[] = {
    {"", ""},
    {"viagra", "viagra"},
    // Case and width.
    {"VIAGRA", "viagra"},
    {"Viagra", "viagra"},
    {"ＶＩＡＧＲＡ", "viagra"},
    {"Ｖｉａｇｒａ １００ｍｇ", "viagra 100mg"},
    {"ﾊﾞｲｱｸﾞﾗ", "バイアグラ"},
    {"ﾊﾞｲｱｸﾞﾗ通販", "バイアグラ通販"},
    {"バイアグラ", "バイアグラ"},
    {"ｼｱﾘｽ", "シアリス"},
    // Full case folding, not lower-casing: ß and final sigma.
    {"Straße", "strasse"},
    {"STRASSE", "strasse"},
    {"ΧΩΡΊΣ ΣΥΝΤΑΓΉ", "χωρίσ συνταγή"},
    {"χωρίς συνταγή", "χωρίσ συνταγή"},
    {"БЕЗ РЕЦЕПТА", "без рецепта"},
    // Turkish dotted capital I folds to a plain i (the header says why), precomposed or not.
    {"REÇETESİZ", "reçetesiz"},
    {"İstanbul", "istanbul"},
    {"I\u0307stanbul", "istanbul"},
    {"REÇETESIZ", "reçetesiz"},
    // Compatibility letter-likes and ignorables spam shops use to dodge filters.
    {"\u2148nstructions \u2134f", "instructions of"},
    {"vi\u00ADagra", "viagra"},
    {"vi\u200Bagra", "viagra"},
    {"①", "1"},
    // Composition across the ASCII fast path and ICU: "e" + combining acute is "é".
    {"cafe\u0301", "café"},
    {"CAFE\u0301 NOIR", "café noir"},
    {"e\u0301", "é"},
    // White space: runs collapse to one ASCII space, none at the ends.
    {"  a \t\n b  ", "a b"},
    {"a\r\n\r\nb", "a b"},
    {"a\u3000b", "a b"},
    {"a \u3000 b", "a b"},
    {"\u3000a\u3000", "a"},
    {"a\u00A0b", "a b"},
    {"a\u2002\u2003b", "a b"},
    {"a\u202Fb", "a b"},
    {"a\u2028b", "a b"},
    {"a\u2029b", "a b"},
    {"a\u0085b", "a b"},
    {"a\u1680b", "a b"},
    {"処方箋\u3000不要", "処方箋 不要"},
    {"\u3000", ""},
    {" \t ", ""},
    // Mixed text: ASCII runs and non-ASCII runs alternate.
    {"Buy VIAGRA online ﾊﾞｲｱｸﾞﾗ 通販 NOW", "buy viagra online バイアグラ 通販 now"},
    {"ED治療薬Viagra通販", "ed治療薬viagra通販"},
    {"A\u3000B\u3000C", "a b c"},
    // Ill-formed UTF-8 passes through.
    {"a\xFF"
     "b",
     "a\xFF"
     "b"},
    {"A\xE3\x81 B", "a\xE3\x81 b"},
};

TEST_CASE("normalize_text: NFKC_Casefold, İ, white space") {
  for (const normalize_case& c : normalize_cases) {
    CAPTURE(c.input);
    CHECK(normalize_text(c.input) == c.expected);
  }
}

// The reference: ICU on the whole string through the UTF-16 API, then the same post-processing
// written the slow, obvious way. normalize_text cuts text into ASCII and non-ASCII pieces for
// speed; this checks the cuts change nothing.
std::string reference_normalize(std::string_view utf8) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(error);
  REQUIRE(U_SUCCESS(error));
  const icu::UnicodeString folded =
      nfkc_cf->normalize(icu::UnicodeString::fromUTF8(
                             icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                         error);
  REQUIRE(U_SUCCESS(error));
  icu::UnicodeString collapsed;
  bool space = false;
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    const UChar32 c = folded.char32At(i);
    if (u_isUWhiteSpace(c)) {
      space = true;
      continue;
    }
    if (c == 0x0307 && !space && collapsed.length() > 0 &&
        collapsed.charAt(collapsed.length() - 1) == u'i') {
      continue;
    }
    if (space && collapsed.length() > 0) collapsed.append(u' ');
    space = false;
    collapsed.append(c);
  }
  std::string out;
  collapsed.toUTF8String(out);
  return out;
}

TEST_CASE("normalize_text: agrees with whole-string ICU on random mixed text") {
  constexpr std::string_view pieces[] = {
      "a",      "Z",      "viagra ", "CIALIS", "100mg", " ",      "  ",         "\t",     "\n",
      "e",      "\u0301", "\u0308",  "ﾊﾞ",     "ｲ",     "ｱｸﾞﾗ",   "バイアグラ", "処方箋", "不要",
      "\u3000", "\u00A0", "\u2028",  "İ",      "ß",     "Σ",      "ＡＢ",       "①",      "\u00AD",
      "\u200B", "é",      "ё",       "Ё",      "한국",  "ㄱ",     "\u1161",     ".",      "!",
      "-",      "\u2003", "\u0085",  "\u1680", "ｶ",     "\uFF9E", "\u3099",
  };
  std::mt19937 random(20240611);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int k = length(random); k > 0; --k) text += pieces[pick(random)];
    CAPTURE(text);
    CHECK(normalize_text(text) == reference_normalize(text));
  }
}

TEST_CASE("normalize_text: is idempotent") {
  for (const normalize_case& c : normalize_cases) {
    if (c.expected.find('\xFF') != std::string_view::npos) continue;  // not UTF-8
    CAPTURE(c.input);
    CHECK(normalize_text(c.expected) == c.expected);
  }
}

}  // namespace
}  // namespace geocrawl
