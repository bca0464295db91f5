#include "parsers/refresh_content.hpp"

#include "parsers/ascii.hpp"

namespace geocrawl {

std::optional<refresh_content> parse_refresh_content(std::string_view input) {
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < input.size() && is_ascii_whitespace(input[i])) ++i;
  };
  skip_spaces();
  refresh_content result;
  const std::size_t digits = i;
  for (; i < input.size() && is_ascii_digit(input[i]); ++i)
    result.delay_seconds = result.delay_seconds * 10 + (input[i] - '0');
  if (i == digits && (i >= input.size() || input[i] != '.')) return std::nullopt;
  while (i < input.size() && (is_ascii_digit(input[i]) || input[i] == '.'))
    ++i;  // the ignored fraction
  if (i < input.size()) {
    if (input[i] != ';' && input[i] != ',' && !is_ascii_whitespace(input[i])) return std::nullopt;
    skip_spaces();
    if (i < input.size() && (input[i] == ';' || input[i] == ',')) ++i;
    skip_spaces();
  }
  if (i >= input.size()) return result;

  std::string_view url = input.substr(i);
  bool strip_quotes = true;
  if (to_ascii_lower(input[i]) == 'u') {
    // "url" then '=' is a label; any other text starting with 'u' is the URL itself,
    // quotes and all.
    strip_quotes = false;
    std::size_t j = i + 1;
    if (j + 1 < input.size() && to_ascii_lower(input[j]) == 'r' &&
        to_ascii_lower(input[j + 1]) == 'l') {
      j += 2;
      while (j < input.size() && is_ascii_whitespace(input[j])) ++j;
      if (j < input.size() && input[j] == '=') {
        for (++j; j < input.size() && is_ascii_whitespace(input[j]);) ++j;
        url = input.substr(j);
        strip_quotes = true;
      }
    }
  }
  if (strip_quotes && !url.empty() && (url.front() == '\'' || url.front() == '"')) {
    const char quote = url.front();
    url.remove_prefix(1);
    url = url.substr(0, url.find(quote));
  }
  result.url = url;
  return result;
}

}  // namespace geocrawl
