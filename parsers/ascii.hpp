#pragma once
// The Infra Standard's ASCII operations, which the Encoding, Fetch and HTML Standards all
// define their byte-level syntax with. Deliberately not <cctype>: its answers depend on the
// C locale, and bytes above 0x7F must never count as letters or spaces here.
#include <algorithm>
#include <string>
#include <string_view>

namespace geocrawl {

inline bool is_ascii_whitespace(char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// 0-15 for an ASCII hex digit of either case, -1 for anything else; callers with a smaller
// radix compare the value against it.
inline int ascii_hex_digit_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline char to_ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c;
}

// Host names, header names, labels: only A-Z change, UTF-8 bytes stay as they are.
inline std::string ascii_lowercase(std::string_view text) {
  std::string lowered(text);
  std::ranges::transform(lowered, lowered.begin(), to_ascii_lower);
  return lowered;
}

inline std::string_view trim_ascii_whitespace(std::string_view s) {
  while (!s.empty() && is_ascii_whitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_whitespace(s.back())) s.remove_suffix(1);
  return s;
}

// `lower` must already be lower case: the callers compare against literals.
inline bool equals_ignoring_ascii_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(),
                    [](char a, char b) { return to_ascii_lower(a) == b; });
}

// `lower` must already be lower case; UTF-8 in it compares byte for byte.
inline bool contains_ignoring_ascii_case(std::string_view text, std::string_view lower) {
  return std::search(text.begin(), text.end(), lower.begin(), lower.end(),
                     [](char a, char b) { return to_ascii_lower(a) == b; }) != text.end();
}

}  // namespace geocrawl
