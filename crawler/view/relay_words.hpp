#pragma once
// The relay's method and outcome read back from their words (to_string in
// relay_request_log.hpp writes them; both are defined in relay_request_log.cpp, beside one list
// of the enumerators). Only the store reads the words back, so they are declared apart from the
// log every view includes.
#include <optional>
#include <string_view>

#include "crawler/view/relay_request_log.hpp"

namespace geocrawl {

// The method a word names, as to_string writes it; nullopt for any other word.
std::optional<relay_method> parse_relay_method(std::string_view word) noexcept;

// The outcome a word names, as to_string writes it; nullopt for any other word.
std::optional<relay_outcome> parse_relay_outcome(std::string_view word) noexcept;

}  // namespace geocrawl
