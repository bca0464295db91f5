#include "crawler/networks/exclusion_rule.hpp"

namespace geocrawl {

std::string_view to_string(exclusion_rule rule) noexcept {
  return rule == exclusion_rule::placeholder ? "placeholder" : "widespread";
}

}  // namespace geocrawl
