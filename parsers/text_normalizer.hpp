#pragma once

#include <string>
#include <string_view>

namespace geocrawl {

// The one normal form that page text and lexicon terms share, so that a term written once in
// the lexicon ("Viagra", "バイアグラ") matches every case and width variant on a page
// ("VIAGRA", "ＶＩＡＧＲＡ", "ﾊﾞｲｱｸﾞﾗ"):
//
// * Unicode NFKC_Casefold: compatibility forms folded (full/half width, ligatures, letter-like
//   symbols such as U+2148 "ⅈ" that spam shops use to dodge filters), case folded ("ß" → "ss"),
//   default-ignorable characters removed (soft hyphen, zero-width space: "vi\u00ADagra" is
//   "viagra"). NFKC already turns NBSP, U+2000–U+200A, U+202F, U+205F and the ideographic
//   space U+3000 into U+0020.
// * "İ" (U+0130) folds to "i" rather than to "i" + U+0307 COMBINING DOT ABOVE, which is what
//   NFKC_Casefold gives: the dot would keep upper-case Turkish ("REÇETESİZ") from matching the
//   lexicon's "reçetesiz".
// * Every run of white space (ASCII, U+0085, U+1680, U+2028, U+2029 and whatever NFKC mapped
//   to U+0020) becomes one ASCII space; none at either end.
//
// Ill-formed UTF-8 is passed through unchanged (ICU's behaviour), never an error: page text is
// untrusted, and one bad byte must not cost the analysis of the rest.
// Throws std::length_error for input over 2 GiB (ICU's string length is a 32-bit int).
std::string normalize_text(std::string_view utf8);

}  // namespace geocrawl
