#include "proxies/proxy_session.hpp"

#include <doctest/doctest.h>

#include <set>

namespace geocrawl {

TEST_CASE("a session template holds {session} exactly once") {
  CHECK(valid_session_template("customer-acme-cc-jp-session-{session}"));
  CHECK(valid_session_template("{session}"));
  CHECK_FALSE(valid_session_template("customer-acme"));
  CHECK_FALSE(valid_session_template("{session}-{session}"));
  CHECK_FALSE(valid_session_template("{Session}"));
  CHECK_FALSE(valid_session_template(""));
}

TEST_CASE("session tokens are 16 hex digits, and new every time") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto token = new_session_token();
    CHECK(token.size() == 16);
    CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(token);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("in a session, the user name is the template with the token, the password kept") {
  pooled_proxy member;
  member.name = "jp-rotating";
  member.endpoint.credentials = proxy_credentials{"ignored", "s3cret"};
  member.session = "customer-acme-cc-jp-session-{session}-sesstime-10";
  const auto joined = in_session(member, "0123456789abcdef");
  REQUIRE(joined.endpoint.credentials);
  CHECK(joined.endpoint.credentials->username ==
        "customer-acme-cc-jp-session-0123456789abcdef-sesstime-10");
  CHECK(joined.endpoint.credentials->password == "s3cret");
  CHECK(joined.session.empty());
  // Already in a session: checking it again keeps that session.
  CHECK(in_session(joined, "ffffffffffffffff").endpoint.credentials->username ==
        joined.endpoint.credentials->username);
  // Without credentials in its URL, the user name alone.
  member.endpoint.credentials.reset();
  const auto bare = in_session(member, "0000000000000001");
  REQUIRE(bare.endpoint.credentials);
  CHECK(bare.endpoint.credentials->password.empty());
  // An ordinary proxy is left alone.
  pooled_proxy plain;
  plain.endpoint.credentials = proxy_credentials{"user", "pass"};
  CHECK(in_session(plain, "0123456789abcdef").endpoint.credentials->username == "user");
}

}  // namespace geocrawl
