// geocrawl's own proxy client against the proxies users really meet: microsocks (SOCKS5,
// with and without username/password), tinyproxy (HTTP absolute-form and CONNECT, Basic
// auth) and dante (SOCKS5), from Debian, each binding its outgoing connections to a chosen
// 127.0.0.x so the origin can tell the exit apart. Plain and TLS origins on loopback only.
#include <doctest/doctest.h>

#include "proxies/coded_category.hpp"
#include "tests/support/fetch_harness.hpp"
#include "tests/support/proxy_lab.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

const proxy_credentials lab_user{"crawler", "lab-Secret.42"};

handler echo_source() {
  return [](const received_request& request) {
    return http_response(200, {{"Content-Type", "text/plain"}}, request.peer_address);
  };
}

// A plain and a TLS origin on 127.0.0.1, each answering with the address it saw.
struct origins {
  test_pki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
  test_origin plain;
  test_origin secure{{.tls = pki.leaf}};
  temp_file ca{pki.ca.cert_pem, ".pem"};
  harness_options options;

  origins() {
    plain.route("/", echo_source());
    secure.route("/", echo_source());
    options.ca_file = ca.path();
    options.limits.view_timeout = std::chrono::seconds(10);
    options.limits.read_timeout = std::chrono::seconds(5);
    options.limits.connect_timeout = std::chrono::seconds(5);
  }
};

void check_exit(const view& result, std::string_view exit, const proxy_lab& lab) {
  CAPTURE(lab.log_tail());
  REQUIRE_FALSE(result.error);
  CHECK(result.status == 200);
  CHECK(result.body == exit);
}

}  // namespace

TEST_CASE("microsocks: http and https targets, socks5h and socks5, from the bound exit") {
  origins site;
  proxy_lab lab({.kind = proxy_kind::microsocks, .outgoing_address = "127.0.0.20"});
  for (const auto scheme : {proxy_scheme::socks5h, proxy_scheme::socks5}) {
    CAPTURE(to_string(scheme));
    site.options.proxies = {test_proxy("lab", lab.url(scheme), "US")};
    check_exit(fetch_for_test(site.plain.url("/"), site.options), "127.0.0.20", lab);
    const auto secure = fetch_for_test(site.secure.url("/"), site.options);
    check_exit(secure, "127.0.0.20", lab);
    REQUIRE(secure.tls);
    CHECK(secure.tls->verified);
  }
}

TEST_CASE("microsocks with username/password: accepted, and a wrong password is proxy_auth") {
  origins site;
  proxy_lab lab(
      {.kind = proxy_kind::microsocks, .credentials = lab_user, .outgoing_address = "127.0.0.21"});
  site.options.proxies = {test_proxy("lab", lab.url(), "US")};
  check_exit(fetch_for_test(site.secure.url("/"), site.options), "127.0.0.21", lab);

  auto wrong = test_proxy("lab", lab.url(), "US");
  wrong.endpoint.credentials->password = "not-it";
  site.options.proxies = {wrong};
  const auto refused = fetch_for_test(site.plain.url("/"), site.options);
  REQUIRE(refused.error);
  CHECK(short_code(refused.error->code) == "proxy_auth");
}

TEST_CASE("tinyproxy: absolute-form for http, CONNECT for https, Basic auth, from the bound exit") {
  origins site;
  proxy_lab lab(
      {.kind = proxy_kind::tinyproxy, .credentials = lab_user, .outgoing_address = "127.0.0.22"});
  site.options.proxies = {test_proxy("lab", lab.url(), "US")};
  check_exit(fetch_for_test(site.plain.url("/"), site.options), "127.0.0.22", lab);
  CHECK(site.plain.requests().back().target == "/");  // forwarded in origin-form
  const auto secure = fetch_for_test(site.secure.url("/"), site.options);
  check_exit(secure, "127.0.0.22", lab);
  REQUIRE(secure.tls);
  CHECK(secure.tls->verified);

  auto wrong = test_proxy("lab", lab.url(), "US");
  wrong.endpoint.credentials->password = "not-it";
  site.options.proxies = {wrong};
  const auto refused = fetch_for_test(site.secure.url("/"), site.options);
  REQUIRE(refused.error);
  CHECK(short_code(refused.error->code) ==
        "proxy_auth");  // tinyproxy answers a wrong password with 401
}

TEST_CASE("dante: SOCKS5 to http and https targets from its external address") {
  origins site;
  proxy_lab lab({.kind = proxy_kind::dante, .outgoing_address = "127.0.0.23"});
  site.options.proxies = {test_proxy("lab", lab.url(proxy_scheme::socks5h), "US")};
  check_exit(fetch_for_test(site.plain.url("/"), site.options), "127.0.0.23", lab);
  check_exit(fetch_for_test(site.secure.url("/"), site.options), "127.0.0.23", lab);
}

TEST_CASE("a country vantage fails over from a dead proxy to a real one") {
  origins site;
  std::string dead_url;
  {
    proxy_lab gone({.kind = proxy_kind::microsocks});
    dead_url = gone.url();
  }
  proxy_lab lab({.kind = proxy_kind::microsocks, .outgoing_address = "127.0.0.20"});
  site.options.proxies = {test_proxy("us-dead", dead_url, "US"),
                          test_proxy("us-live", lab.url(), "US")};
  site.options.country = "US";
  const auto result = fetch_for_test(site.plain.url("/"), site.options);
  check_exit(result, "127.0.0.20", lab);
  CHECK(result.proxy == "us-live");
}

}  // namespace geocrawl::testing
