#include "crawler/view/favicon_fetch.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_outcomes{favicon_outcome::hashed, favicon_outcome::http_error,
                                  favicon_outcome::empty, favicon_outcome::oversize,
                                  favicon_outcome::failed};

}  // namespace

std::string_view to_string(favicon_outcome outcome) noexcept {
  switch (outcome) {
    case favicon_outcome::hashed:
      return "hashed";
    case favicon_outcome::http_error:
      return "http_error";
    case favicon_outcome::empty:
      return "empty";
    case favicon_outcome::oversize:
      return "oversize";
    case favicon_outcome::failed:
      return "failed";
  }
  return "unknown";
}

std::optional<favicon_outcome> favicon_outcome_from(std::string_view word) noexcept {
  for (const auto outcome : all_outcomes) {
    if (to_string(outcome) == word) return outcome;
  }
  return std::nullopt;
}

}  // namespace geocrawl
