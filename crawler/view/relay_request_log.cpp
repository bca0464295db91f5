#include "crawler/view/relay_request_log.hpp"

namespace geocrawl {

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

bool is_blocked(relay_outcome outcome) noexcept {
  return outcome == relay_outcome::blocked_address || outcome == relay_outcome::bad_destination ||
         outcome == relay_outcome::malformed_request;
}

}  // namespace geocrawl
