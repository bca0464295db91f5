#include "crawler/networks/name_server_value.hpp"

#include "parsers/ascii.hpp"

namespace geocrawl {

std::string name_server_value(std::string_view name) {
  name = trim_ascii_whitespace(name);
  if (name.ends_with('.')) name.remove_suffix(1);
  return ascii_lowercase(name);
}

}  // namespace geocrawl
