#pragma once
// Gumbo 0.10.1 adds up a numeric character reference's digits in an int and lets it wrap:
// "&#xFFFFFFFF;" comes out as the single byte 0xFF, which is not UTF-8, and a longer run of
// digits can wrap to any character at all. The HTML standard turns every value above
// U+10FFFF into U+FFFD, so a reference out of that range loses nothing by having its digits
// replaced with the smallest such value before gumbo sees it.
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

// `html` with the digits of every "&#" or "&#x" reference above U+10FFFF replaced by
// 0x110000's, which gumbo maps to U+FFFD; nullopt when no reference needs it, the usual
// case, so that ordinary pages are not copied. Script, style and comment text, where
// references are not decoded, is rewritten too: a digit run that long in a script says
// nothing the analysis reads.
std::optional<std::string> clamp_numeric_references(std::string_view html);

}  // namespace geocrawl
