#include "crawler/networks/placeholder_ids.hpp"

#include <stdexcept>

#include "crawler/networks/embedded_placeholder_data.hpp"

namespace geocrawl {

placeholder_ids::placeholder_ids(const std::vector<std::string>& extra) {
  std::size_t line_number = 0;
  std::string_view rest = embedded_placeholder_tsv;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const auto first = line.find('\t');
    const auto second = line.find('\t', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos)
      throw std::invalid_argument("placeholder_identifiers.tsv line " +
                                  std::to_string(line_number) + ": expected kind, value, source");
    add(line.substr(0, first), line.substr(first + 1, second - first - 1),
        "placeholder_identifiers.tsv line " + std::to_string(line_number));
  }
  for (const auto& item : extra) {
    const auto colon = item.find(':');
    if (colon == std::string::npos)
      throw std::invalid_argument("[networks] ignore \"" + item + "\": expected kind:value");
    add(std::string_view(item).substr(0, colon), std::string_view(item).substr(colon + 1),
        "[networks] ignore \"" + item + "\"");
  }
}

void placeholder_ids::add(std::string_view kind_word, std::string_view pattern,
                          std::string_view where) {
  const auto kind = identifier_kind_from(kind_word);
  if (!kind || pattern.empty())
    throw std::invalid_argument(std::string(where) + ": unknown identifier kind or empty value");
  entries_.push_back({*kind, std::string(pattern)});
}

bool placeholder_ids::matches(identifier_kind kind, std::string_view value) const {
  for (const auto& entry : entries_) {
    if (entry.kind != kind) continue;
    if (entry.pattern.front() == '*' ? value.ends_with(std::string_view(entry.pattern).substr(1))
                                     : value == entry.pattern)
      return true;
  }
  return false;
}

}  // namespace geocrawl
