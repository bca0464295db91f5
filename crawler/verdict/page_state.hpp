#pragma once
// What a page says about itself when it is not a site's real content: the page-state signals of
// the lexicon (data/lexicon/phrases.tsv, kinds page_state_*), read by parsers/findings. A
// comparison names the state ("an under-construction page"); `geocrawl changes` reports when a
// vantage's state moves (a shop that becomes "suspended").
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

enum class page_state { none, under_construction, parked, suspended, default_server };

// The state the signals name, first in the order above when several do; none without one.
page_state page_state_of(const std::vector<std::string>& signals);

// "under-construction", "parked", "suspended", "default server"; "" for none.
std::string_view to_string(page_state state) noexcept;

}  // namespace geocrawl
