#include "parsers/refresh_content.hpp"

namespace geocrawl {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace

std::optional<refresh_content> parse_refresh_content(std::string_view input) {
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < input.size() && is_space(input[i])) ++i;
  };
  skip_spaces();
  refresh_content result;
  const std::size_t digits = i;
  for (; i < input.size() && is_digit(input[i]); ++i)
    result.delay_seconds = result.delay_seconds * 10 + (input[i] - '0');
  if (i == digits && (i >= input.size() || input[i] != '.')) return std::nullopt;
  while (i < input.size() && (is_digit(input[i]) || input[i] == '.')) ++i;  // the ignored fraction
  if (i < input.size()) {
    if (input[i] != ';' && input[i] != ',' && !is_space(input[i])) return std::nullopt;
    skip_spaces();
    if (i < input.size() && (input[i] == ';' || input[i] == ',')) ++i;
    skip_spaces();
  }
  if (i >= input.size()) return result;

  std::string_view url = input.substr(i);
  bool strip_quotes = true;
  if (lower(input[i]) == 'u') {
    // "url" then '=' is a label; any other text starting with 'u' is the URL itself,
    // quotes and all.
    strip_quotes = false;
    std::size_t j = i + 1;
    if (j + 1 < input.size() && lower(input[j]) == 'r' && lower(input[j + 1]) == 'l') {
      j += 2;
      while (j < input.size() && is_space(input[j])) ++j;
      if (j < input.size() && input[j] == '=') {
        for (++j; j < input.size() && is_space(input[j]);) ++j;
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
