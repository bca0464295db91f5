#include "crawler/store/rdap_outcome.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_outcomes{rdap_outcome::found,
                                  rdap_outcome::not_found,
                                  rdap_outcome::no_server,
                                  rdap_outcome::rate_limited,
                                  rdap_outcome::timed_out,
                                  rdap_outcome::refused,
                                  rdap_outcome::invalid_response,
                                  rdap_outcome::server_error};

}  // namespace

std::string_view to_string(rdap_outcome outcome) noexcept {
  switch (outcome) {
    case rdap_outcome::found:
      return "found";
    case rdap_outcome::not_found:
      return "not found";
    case rdap_outcome::no_server:
      return "no server";
    case rdap_outcome::rate_limited:
      return "rate limited";
    case rdap_outcome::timed_out:
      return "timed out";
    case rdap_outcome::refused:
      return "refused";
    case rdap_outcome::invalid_response:
      return "invalid response";
    case rdap_outcome::server_error:
      return "server error";
  }
  return "unknown";
}

std::optional<rdap_outcome> parse_rdap_outcome(std::string_view word) noexcept {
  for (const auto outcome : all_outcomes) {
    if (to_string(outcome) == word) return outcome;
  }
  return std::nullopt;
}

}  // namespace geocrawl
