#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

// "2026-11-27T16:32:43.123Z": sortable as text, which is how SQLite and CSV readers see it.
std::string utc_timestamp(
    std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

// The time a stamp of utc_timestamp's form names; none for any other text. Ages of stored
// checks are measured from it.
std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(std::string_view text);

}  // namespace geocrawl
