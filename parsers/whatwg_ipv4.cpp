#include "parsers/whatwg_ipv4.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

// No part of an address can reach 2^32, so larger values need not be told apart; saturating here
// keeps arbitrarily long digit strings from overflowing.
constexpr std::uint64_t too_large = std::uint64_t{1} << 32;

// The standard's "IPv4 number parser"; nullopt is its failure. Its validation errors are not
// reported because they never change the outcome.
std::optional<std::uint64_t> parse_ipv4_number(std::string_view part) {
  if (part.empty()) return std::nullopt;
  unsigned radix = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    part.remove_prefix(2);
    radix = 16;
  } else if (part.size() >= 2 && part[0] == '0') {
    part.remove_prefix(1);
    radix = 8;
  }
  std::uint64_t value = 0;  // "0x" alone is zero
  for (const char c : part) {
    const int digit = ascii_hex_digit_value(c);
    if (digit < 0 || static_cast<unsigned>(digit) >= radix) return std::nullopt;
    value = std::min(value * radix + static_cast<unsigned>(digit), too_large);
  }
  return value;
}

bool ends_in_number(std::string_view last_part) {
  const bool all_digits =
      !last_part.empty() && std::all_of(last_part.begin(), last_part.end(), is_ascii_digit);
  // Both tests are needed: "09" is all digits yet fails as octal, "0x7f" is a number without
  // being all digits.
  return all_digits || parse_ipv4_number(last_part).has_value();
}

}  // namespace

ipv4_host parse_whatwg_ipv4(std::string_view host) {
  // Both algorithms drop one empty last part, so "127.0.0.1." is an address but "1.2.3.4.." is a
  // name whose last label is empty.
  std::string_view name = host;
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);

  const auto last_dot = name.rfind('.');
  const auto last_part = last_dot == std::string_view::npos ? name : name.substr(last_dot + 1);
  if (!ends_in_number(last_part)) return {ipv4_host_kind::not_ipv4};

  std::array<std::uint64_t, 4> numbers{};
  std::size_t count = 0;
  for (std::size_t start = 0;;) {
    const auto dot = name.find('.', start);
    if (count == numbers.size()) return {ipv4_host_kind::invalid};
    const auto number = parse_ipv4_number(name.substr(start, dot - start));
    if (!number) return {ipv4_host_kind::invalid};
    numbers[count++] = *number;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }

  // Leading parts are single bytes; the last part fills all the bytes that remain.
  const std::uint64_t last = numbers[count - 1];
  if (last >= std::uint64_t{1} << (8 * (5 - count))) return {ipv4_host_kind::invalid};
  std::uint64_t address = last;
  for (std::size_t i = 0; i + 1 < count; ++i) {
    if (numbers[i] > 255) return {ipv4_host_kind::invalid};
    address += numbers[i] << (8 * (3 - i));
  }
  return {ipv4_host_kind::address, static_cast<std::uint32_t>(address)};
}

std::string format_ipv4(std::uint32_t address) {
  std::string text;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (!text.empty()) text += '.';
    text += std::to_string((address >> shift) & 0xff);
  }
  return text;
}

}  // namespace geocrawl
