#include "crawler/store/run_status.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_statuses{run_status::running, run_status::done, run_status::interrupted,
                                  run_status::failed};

}  // namespace

std::string_view to_string(run_status status) noexcept {
  switch (status) {
    case run_status::running:
      return "running";
    case run_status::done:
      return "done";
    case run_status::interrupted:
      return "interrupted";
    case run_status::failed:
      return "failed";
  }
  return "unknown";
}

std::optional<run_status> parse_run_status(std::string_view word) noexcept {
  for (const auto status : all_statuses) {
    if (to_string(status) == word) return status;
  }
  return std::nullopt;
}

}  // namespace geocrawl
