#pragma once
#include <chrono>
#include <string>

namespace geocrawl {

// "2026-11-27T16:32:43.123Z": sortable as text, which is how SQLite and CSV readers see it.
std::string utc_timestamp(
    std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

}  // namespace geocrawl
