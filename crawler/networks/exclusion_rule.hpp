#pragma once
// Why an identifier shared by several sites links none of them (README "networks"):
// placeholder — a documented placeholder or a public service (placeholder_ids);
// widespread — seen on more than [networks] max_share_percent of the database's sites, and on
// more than [networks] min_sites of them: a library default, a stock template, a theme's ID.
#include <string_view>

namespace geocrawl {

enum class exclusion_rule { placeholder, widespread };

std::string_view to_string(exclusion_rule rule) noexcept;

}  // namespace geocrawl
