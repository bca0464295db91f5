#pragma once
// Where a run stands. The words are stable: they are stored in runs.status, whose CHECK
// constraint (crawler/store/store_schema.cpp) lists the same four, and printed when a crawl ends.
#include <optional>
#include <string_view>

namespace geocrawl {

enum class run_status {
  running,      // begun, or reopened to resume; also a run whose process was killed
  done,         // every site finished
  interrupted,  // stopped by a signal: --resume goes on
  failed,       // stopped by an error: --resume goes on once it is fixed
};

std::string_view to_string(run_status status) noexcept;
// The status a word names, as to_string writes it; nullopt for any other word.
std::optional<run_status> parse_run_status(std::string_view word) noexcept;

}  // namespace geocrawl
