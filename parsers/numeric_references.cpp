#include "parsers/numeric_references.hpp"

#include <cstdint>

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

constexpr std::uint32_t beyond_unicode = 0x110000;

int digit_value(char c, int radix) {
  const int digit = ascii_hex_digit_value(c);
  return digit < radix ? digit : -1;
}

}  // namespace

std::optional<std::string> clamp_numeric_references(std::string_view html) {
  std::optional<std::string> clamped;
  std::size_t copied = 0;  // html[0, copied) is already in *clamped
  std::size_t from = 0;
  for (std::size_t reference; (reference = html.find("&#", from)) != std::string_view::npos;) {
    std::size_t digits = reference + 2;
    const bool hex = digits < html.size() && (html[digits] == 'x' || html[digits] == 'X');
    if (hex) ++digits;
    const int radix = hex ? 16 : 10;
    // Saturates at beyond_unicode, so that no run of digits can overflow it.
    std::uint32_t value = 0;
    std::size_t end = digits;
    for (int digit; end < html.size() && (digit = digit_value(html[end], radix)) >= 0; ++end) {
      if (value < beyond_unicode) value = value * radix + static_cast<std::uint32_t>(digit);
    }
    from = end;
    if (value < beyond_unicode) continue;
    if (!clamped) clamped.emplace().reserve(html.size());
    clamped->append(html, copied, digits - copied);
    clamped->append(hex ? "110000" : "1114112");
    copied = end;
  }
  if (clamped) clamped->append(html.substr(copied));
  return clamped;
}

}  // namespace geocrawl
