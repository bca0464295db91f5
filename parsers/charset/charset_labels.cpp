#include "parsers/charset/charset_labels.hpp"

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace whatwg_encoding {

const encoding* find_encoding(std::string_view label) {
  label = trim_ascii_whitespace(label);
  if (label.empty()) return nullptr;
  for (const auto& e : encodings) {
    for (std::string_view rest = e.labels; !rest.empty();) {
      const auto space = rest.find(' ');
      if (equals_ignoring_ascii_case(label, rest.substr(0, space))) return &e;
      rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
    }
  }
  return nullptr;
}

}  // namespace whatwg_encoding

std::optional<std::string> canonical_charset(std::string_view label) {
  if (const auto* e = whatwg_encoding::find_encoding(label)) return std::string(e->name);
  return std::nullopt;
}

}  // namespace geocrawl
