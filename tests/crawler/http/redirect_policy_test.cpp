#include "crawler/http/redirect_policy.hpp"

#include <doctest/doctest.h>

#include "crawler/http/fetch_error.hpp"

namespace geocrawl {

TEST_CASE("only the five redirect statuses are followed") {
  for (int status : {301, 302, 303, 307, 308}) CHECK(is_followed_redirect(status));
  for (int status : {200, 300, 304, 305, 306, 309, 404}) CHECK_FALSE(is_followed_redirect(status));
}

TEST_CASE("redirect_guard stops after max_redirects hops") {
  redirect_guard guard(2);
  CHECK_FALSE(guard.admit("http://a/0", "").has_value());
  CHECK_FALSE(guard.admit("http://a/1", "").has_value());
  CHECK_FALSE(guard.admit("http://a/2", "").has_value());
  const auto refused = guard.admit("http://a/3", "");
  REQUIRE(refused.has_value());
  CHECK(refused->code == fetch_errc::too_many_redirects);
}

TEST_CASE("redirect_guard sees a loop, but not a cookie check") {
  redirect_guard guard(20);
  CHECK_FALSE(guard.admit("http://a/", "").has_value());
  CHECK_FALSE(guard.admit("http://a/check", "").has_value());
  CHECK_FALSE(guard.admit("http://a/", "seen=1").has_value());  // same URL, new cookie: not a loop
  const auto refused = guard.admit("http://a/check", "");
  REQUIRE(refused.has_value());
  CHECK(refused->code == fetch_errc::redirect_loop);
}

}  // namespace geocrawl
