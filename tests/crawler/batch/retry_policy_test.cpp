#include "crawler/batch/retry_policy.hpp"

#include <doctest/doctest.h>

#include "crawler/http/fetch_error.hpp"
#include "crawler/view/view_errc.hpp"

namespace geocrawl {

namespace {

view answered(int status) {
  view record;
  record.status = status;
  return record;
}

view failed(boost::system::error_code code) {
  view record;
  record.error = view_error{code, "what happened"};
  return record;
}

}  // namespace

TEST_CASE("transient failures are retried, answers that will not change are not") {
  for (const boost::system::error_code code :
       {make_error_code(dial_errc::timeout), make_error_code(fetch_errc::timeout),
        make_error_code(dial_errc::connect), make_error_code(dial_errc::proxy_refused)}) {
    CAPTURE(code);
    CHECK(is_transient(failed(code)));
  }
  for (const boost::system::error_code code :
       {make_error_code(dial_errc::dns), make_error_code(fetch_errc::tls),
        make_error_code(fetch_errc::http), make_error_code(dial_errc::blocked_target),
        make_error_code(fetch_errc::too_many_redirects), make_error_code(fetch_errc::redirect_loop),
        make_error_code(fetch_errc::decode), make_error_code(dial_errc::no_proxy_for_country),
        make_error_code(dial_errc::proxy_auth), make_error_code(view_errc::internal)}) {
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
  for (const boost::system::error_code code :
       {make_error_code(dial_errc::connect), make_error_code(dial_errc::timeout),
        make_error_code(fetch_errc::timeout), make_error_code(fetch_errc::tls),
        make_error_code(fetch_errc::http)}) {
    CAPTURE(code);
    CHECK(worth_plain_http(failed(code)));
  }
  for (const boost::system::error_code code :
       {make_error_code(dial_errc::dns), make_error_code(dial_errc::blocked_target),
        make_error_code(fetch_errc::redirect_loop)}) {
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
