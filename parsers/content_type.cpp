#include "parsers/content_type.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

constexpr auto npos = std::string_view::npos;

bool is_http_whitespace(char c) { return c == '\t' || c == '\n' || c == '\r' || c == ' '; }

bool is_http_token(std::string_view s) {
  constexpr std::string_view symbols = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           symbols.find(c) != npos;
  });
}

bool is_quoted_string_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b == '\t' || (b >= 0x20 && b != 0x7F);
  });
}

std::string_view trim_http_whitespace(std::string_view s) {
  while (!s.empty() && is_http_whitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_http_whitespace(s.back())) s.remove_suffix(1);
  return s;
}

// "Collect an HTTP quoted string" from s[pos] == '"'. With `unescape` the quotes and
// backslashes are taken off; either way pos ends after the closing quote or at the end.
std::string collect_quoted_string(std::string_view s, std::size_t& pos, bool unescape) {
  const auto start = pos++;
  std::string value;
  while (pos < s.size()) {
    const char c = s[pos++];
    if (c == '"') break;
    if (c == '\\' && pos < s.size()) {
      if (!unescape) value += c;
      value += s[pos++];
    } else {
      value += c;
    }
  }
  return unescape ? value : std::string(s.substr(start, pos - start));
}

struct mime_type {
  std::string essence;
  std::optional<std::string> charset;
};

// "Parse a MIME type", keeping only the charset parameter.
std::optional<mime_type> parse_mime_type(std::string_view input) {
  input = trim_http_whitespace(input);
  const auto slash = input.find('/');
  if (slash == npos || !is_http_token(input.substr(0, slash))) return std::nullopt;
  auto semicolon = input.find(';', slash);
  std::string_view subtype = input.substr(slash + 1, semicolon - (slash + 1));
  while (!subtype.empty() && is_http_whitespace(subtype.back())) subtype.remove_suffix(1);
  if (!is_http_token(subtype)) return std::nullopt;

  mime_type result;
  for (const char c : input.substr(0, slash + 1 + subtype.size())) {
    result.essence += to_ascii_lower(c);
  }
  std::size_t pos = semicolon;
  while (pos < input.size()) {
    ++pos;  // past ';'
    while (pos < input.size() && is_http_whitespace(input[pos])) ++pos;
    const auto name_end = std::min(input.find_first_of(";=", pos), input.size());
    const std::string_view name = input.substr(pos, name_end - pos);
    pos = name_end;
    if (pos < input.size() && input[pos] == ';') continue;
    if (++pos > input.size()) break;  // past '=', or nothing after the name
    std::string value;
    if (pos < input.size() && input[pos] == '"') {
      value = collect_quoted_string(input, pos, true);
      pos = std::min(input.find(';', pos), input.size());
    } else {
      const auto value_end = std::min(input.find(';', pos), input.size());
      value = std::string(trim_http_whitespace(input.substr(pos, value_end - pos)));
      pos = value_end;
      if (value.empty()) continue;
    }
    if (equals_ignoring_ascii_case(name, "charset") && !result.charset &&
        is_quoted_string_text(value)) {
      result.charset = std::move(value);
    }
  }
  return result;
}

// "Get, decode, and split" a header value: commas inside quoted strings do not split.
std::vector<std::string_view> split_header_value(std::string_view value) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < value.size()) {
    if (value[pos] == '"') {
      collect_quoted_string(value, pos, false);
    } else if (value[pos] == ',') {
      parts.push_back(trim_http_whitespace(value.substr(start, pos - start)));
      start = ++pos;
    } else {
      ++pos;
    }
  }
  parts.push_back(trim_http_whitespace(value.substr(start)));
  return parts;
}

}  // namespace

std::optional<std::string> charset_from_content_type(std::string_view content_type) {
  // The Fetch Standard's loop: a later value with a new essence resets the charset, one with
  // the same essence and no charset of its own inherits the earlier one.
  std::string essence;
  std::optional<std::string> inherited;
  std::optional<std::string> charset;
  for (const auto value : split_header_value(content_type)) {
    auto mime = parse_mime_type(value);
    if (!mime || mime->essence == "*/*") continue;
    if (mime->essence != essence) {
      essence = std::move(mime->essence);
      inherited = mime->charset;
      charset = std::move(mime->charset);
    } else {
      charset = mime->charset ? std::move(mime->charset) : inherited;
    }
  }
  if (!charset) return std::nullopt;
  const auto trimmed = trim_ascii_whitespace(*charset);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

}  // namespace geocrawl
