#include "parsers/numeric_references.hpp"

#include <cstdint>

namespace geocrawl {
namespace {

constexpr std::uint32_t beyond_unicode = 0x110000;

int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (!hex) return -1;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
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
    // Saturates at beyond_unicode, so that no run of digits can overflow it.
    std::uint32_t value = 0;
    std::size_t end = digits;
    for (int digit; end < html.size() && (digit = digit_value(html[end], hex)) >= 0; ++end) {
      if (value < beyond_unicode)
        value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
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
