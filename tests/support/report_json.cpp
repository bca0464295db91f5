#include "tests/support/report_json.hpp"

#include <stdexcept>
#include <string>

namespace geocrawl::testing {

const boost::json::object& entry_named(const boost::json::array& list, std::string_view key,
                                       std::string_view name) {
  for (const auto& item : list) {
    const auto* entry = item.if_object();
    if (entry == nullptr) continue;
    const auto* value = entry->if_contains(key);
    if (value != nullptr && value->is_string() && value->get_string() == name) return *entry;
  }
  throw std::out_of_range("no entry with " + std::string(key) + " = " + std::string(name));
}

}  // namespace geocrawl::testing
