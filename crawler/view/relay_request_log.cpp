#include "crawler/view/relay_request_log.hpp"
#include "crawler/view/relay_words.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_methods{relay_method::connect, relay_method::forward};

constexpr std::array all_outcomes{relay_outcome::relayed,         relay_outcome::blocked_address,
                                  relay_outcome::bad_destination, relay_outcome::malformed_request,
                                  relay_outcome::dial_failed,     relay_outcome::bad_response,
                                  relay_outcome::idle_timeout,    relay_outcome::byte_cap,
                                  relay_outcome::relay_stopped,   relay_outcome::internal_error};

// The enumerator whose word is `word`, among `all`.
template <typename Enum, std::size_t N>
std::optional<Enum> enum_of(const std::array<Enum, N>& all, std::string_view word) noexcept {
  for (const auto value : all) {
    if (to_string(value) == word) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(relay_method method) noexcept {
  switch (method) {
    case relay_method::connect:
      return "connect";
    case relay_method::forward:
      return "forward";
  }
  return "forward";
}

std::string_view to_string(relay_outcome outcome) noexcept {
  switch (outcome) {
    case relay_outcome::relayed:
      return "relayed";
    case relay_outcome::blocked_address:
      return "blocked_address";
    case relay_outcome::bad_destination:
      return "bad_destination";
    case relay_outcome::malformed_request:
      return "malformed_request";
    case relay_outcome::dial_failed:
      return "dial_failed";
    case relay_outcome::bad_response:
      return "bad_response";
    case relay_outcome::idle_timeout:
      return "idle_timeout";
    case relay_outcome::byte_cap:
      return "byte_cap";
    case relay_outcome::relay_stopped:
      return "relay_stopped";
    case relay_outcome::internal_error:
      return "internal_error";
  }
  return "relayed";
}

std::optional<relay_method> parse_relay_method(std::string_view word) noexcept {
  return enum_of(all_methods, word);
}

std::optional<relay_outcome> parse_relay_outcome(std::string_view word) noexcept {
  return enum_of(all_outcomes, word);
}

bool is_blocked(relay_outcome outcome) noexcept {
  return outcome == relay_outcome::blocked_address || outcome == relay_outcome::bad_destination ||
         outcome == relay_outcome::malformed_request;
}

}  // namespace geocrawl
