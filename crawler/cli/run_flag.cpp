#include "crawler/cli/run_flag.hpp"

#include <charconv>
#include <system_error>

#include "crawler/cli/usage_error.hpp"

namespace geocrawl {

std::optional<std::int64_t> parse_run_flag(const std::string& text) {
  if (text == "latest") return std::nullopt;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw usage_error("--run " + text + ": not a run id or 'latest'");
  }
  return id;
}

}  // namespace geocrawl
