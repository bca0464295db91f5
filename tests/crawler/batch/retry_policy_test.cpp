#include "crawler/batch/retry_policy.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

view answered(int status) {
  view record;
  record.status = status;
  return record;
}

view failed(std::string code) {
  view record;
  record.error = view_error{std::move(code), "what happened"};
  return record;
}

}  // namespace

TEST_CASE("transient failures are retried, answers that will not change are not") {
  for (const auto* code : {"timeout", "connect", "proxy_refused"}) {
    CAPTURE(code);
    CHECK(is_transient(failed(code)));
  }
  for (const auto* code : {"dns", "tls", "http", "blocked_target", "too_many_redirects", "redirect_loop", "decode",
                           "no_proxy_for_country", "proxy_auth", "internal"}) {
    CAPTURE(code);
    CHECK_FALSE(is_transient(failed(code)));
  }
  for (const int status : {429, 502, 503, 504}) {
    CAPTURE(status);
    CHECK(is_transient(answered(status)));
  }
  for (const int status : {200, 301, 403, 404, 410, 500}) {
    CAPTURE(status);
    CHECK_FALSE(is_transient(answered(status)));
  }
}

TEST_CASE("plain http is tried after https failed at the connection only") {
  for (const auto* code : {"connect", "timeout", "tls", "http"}) {
    CAPTURE(code);
    CHECK(worth_plain_http(failed(code)));
  }
  for (const auto* code : {"dns", "blocked_target", "redirect_loop"}) {
    CAPTURE(code);
    CHECK_FALSE(worth_plain_http(failed(code)));
  }
  CHECK_FALSE(worth_plain_http(answered(404)));
}

TEST_CASE("the pause doubles with each retry, jittered to 0.5x-1.5x, at most five minutes") {
  using std::chrono::milliseconds;
  const milliseconds base{1000};
  CHECK(retry_delay(base, 1, 0.5) == milliseconds(1000));
  CHECK(retry_delay(base, 2, 0.5) == milliseconds(2000));
  CHECK(retry_delay(base, 3, 0.5) == milliseconds(4000));
  CHECK(retry_delay(base, 1, 0.0) == milliseconds(500));
  CHECK(retry_delay(base, 1, 0.75) == milliseconds(1250));
  CHECK(retry_delay(base, 30, 0.999) == std::chrono::minutes(5));
  CHECK(retry_delay(base, 0, 0.5) == milliseconds(1000));
}

}  // namespace geocrawl
