#include "crawler/verdict/page_state.hpp"

#include <algorithm>
#include <utility>

namespace geocrawl {

page_state page_state_of(const std::vector<std::string>& signals) {
  for (const auto& [kind, state] :
       {std::pair{"page_state_construction", page_state::under_construction},
        std::pair{"page_state_parked", page_state::parked},
        std::pair{"page_state_suspended", page_state::suspended},
        std::pair{"page_state_default", page_state::default_server}}) {
    if (std::find(signals.begin(), signals.end(), kind) != signals.end()) return state;
  }
  return page_state::none;
}

std::string_view to_string(page_state state) noexcept {
  switch (state) {
    case page_state::none:
      return "";
    case page_state::under_construction:
      return "under-construction";
    case page_state::parked:
      return "parked";
    case page_state::suspended:
      return "suspended";
    case page_state::default_server:
      return "default server";
  }
  return "";
}

}  // namespace geocrawl
