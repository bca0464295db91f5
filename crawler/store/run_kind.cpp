#include "crawler/store/run_kind.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_kinds{run_kind::fetch, run_kind::crawl, run_kind::proxies_check};

}  // namespace

std::string_view to_string(run_kind kind) noexcept {
  switch (kind) {
    case run_kind::fetch:
      return "fetch";
    case run_kind::crawl:
      return "crawl";
    case run_kind::proxies_check:
      return "proxies check";
  }
  return "unknown";
}

std::optional<run_kind> parse_run_kind(std::string_view word) noexcept {
  for (const auto kind : all_kinds) {
    if (to_string(kind) == word) return kind;
  }
  return std::nullopt;
}

}  // namespace geocrawl
