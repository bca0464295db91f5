#include "crawler/view/relay_words.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("each relay method and outcome reads back from the word it is written as") {
  for (const auto method : {relay_method::connect, relay_method::forward}) {
    CAPTURE(to_string(method));
    CHECK(parse_relay_method(to_string(method)) == method);
  }
  for (const auto outcome :
       {relay_outcome::relayed, relay_outcome::blocked_address, relay_outcome::bad_destination,
        relay_outcome::malformed_request, relay_outcome::dial_failed, relay_outcome::bad_response,
        relay_outcome::idle_timeout, relay_outcome::byte_cap, relay_outcome::relay_stopped,
        relay_outcome::internal_error}) {
    CAPTURE(to_string(outcome));
    CHECK(parse_relay_outcome(to_string(outcome)) == outcome);
  }
}

TEST_CASE("a word that names no relay method or outcome is rejected") {
  CHECK_FALSE(parse_relay_method("CONNECT"));
  CHECK_FALSE(parse_relay_method(""));
  CHECK_FALSE(parse_relay_outcome("blocked"));
  CHECK_FALSE(parse_relay_outcome("Relayed"));
}

}  // namespace geocrawl
