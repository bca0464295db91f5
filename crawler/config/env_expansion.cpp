#include "crawler/config/env_expansion.hpp"

#include <algorithm>
#include <cstdlib>

namespace geocrawl {

namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace

environment_lookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    if (const char* value = std::getenv(std::string(name).c_str())) return std::string(value);
    return std::nullopt;
  };
}

boost::system::result<std::string, std::string> expand_environment(
    std::string_view text, const environment_lookup& lookup) {
  using boost::system::in_place_error;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 == text.size()) {
      out += text[i];
    } else if (text[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (text[i + 1] != '{') {
      out += '$';
    } else {
      const auto close = text.find('}', i + 2);
      if (close == std::string_view::npos)
        return {in_place_error, "unterminated ${ (write $$ for a literal $)"};
      const auto name = text.substr(i + 2, close - i - 2);
      if (name.empty() || !is_name_start(name[0]) ||
          !std::all_of(name.begin(), name.end(), is_name_char)) {
        return {in_place_error, "${" + std::string(name) + "} is not an environment variable name"};
      }
      const auto value = lookup(name);
      if (!value)
        return {in_place_error, "environment variable " + std::string(name) + " is not set"};
      out += *value;
      i = close;
    }
  }
  return {boost::system::in_place_value, std::move(out)};
}

}  // namespace geocrawl
