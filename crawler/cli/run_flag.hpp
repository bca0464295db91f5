#pragma once
// --run as the commands that read a database take it: a run id, or "latest".
#include <cstdint>
#include <optional>
#include <string>

namespace geocrawl {

// The id --run names; nullopt for "latest". Throws usage_error for any other text.
std::optional<std::int64_t> parse_run_flag(const std::string& text);

}  // namespace geocrawl
