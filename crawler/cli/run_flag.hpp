#pragma once
// The value of a flag that names a run: `--run ID|latest` of export and changes, `--since ID`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

// The run id `text` names; nullopt for "latest". Throws usage_error, naming `flag`, for
// anything that is not a positive id or "latest".
std::optional<std::int64_t> run_flag_value(std::string_view flag, const std::string& text);

}  // namespace geocrawl
