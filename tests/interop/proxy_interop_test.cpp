// geocrawl's own proxy client against the proxies users really meet: microsocks (SOCKS5,
// with and without username/password), tinyproxy (HTTP absolute-form and CONNECT, Basic
// auth, its own error pages never taken for the site's) and dante (SOCKS5), from Debian, each
// binding its outgoing connections to a chosen 127.0.0.x so the origin can tell the exit apart.
// Plain and TLS origins on loopback only.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "proxies/coded_category.hpp"
#include "tests/support/fetch_harness.hpp"
#include "tests/support/proxy_lab.hpp"
#include "tests/support/run_geocrawl.hpp"
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

// A port on 127.0.0.1 with nothing listening: the site that refuses every connection.
std::uint16_t closed_port() {
  const test_origin gone;
  return gone.port();
}

pooled_proxy lab_proxy(const proxy_lab& lab, plain_http_route route) {
  auto proxy = test_proxy("lab", lab.url(), "US");
  proxy.endpoint.plain_http = route;
  return proxy;
}

std::string tunnel_key(plain_http_route route) {
  return route == plain_http_route::tunnel ? "true" : "false";
}

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

TEST_CASE("tinyproxy: http tunnelled or in absolute form, CONNECT for https, Basic auth") {
  origins site;
  proxy_lab lab(
      {.kind = proxy_kind::tinyproxy, .credentials = lab_user, .outgoing_address = "127.0.0.22"});
  for (const auto route : {plain_http_route::tunnel, plain_http_route::absolute_form}) {
    CAPTURE(tunnel_key(route));
    site.options.proxies = {lab_proxy(lab, route)};
    check_exit(fetch_for_test(site.plain.url("/"), site.options), "127.0.0.22", lab);
    CHECK(site.plain.requests().back().target == "/");  // origin-form, in the tunnel or forwarded
  }
  site.options.proxies = {test_proxy("lab", lab.url(), "US")};
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

TEST_CASE(
    "tinyproxy: a site it cannot reach is proxy_refused, tunnelled or not, a site's 500 stays") {
  origins site;
  site.plain.route("/broken", [](const received_request&) {
    return http_response(500, {{"Content-Type", "text/html"}}, "<p>the site's own 500</p>");
  });
  proxy_lab lab({.kind = proxy_kind::tinyproxy});
  const auto refusing = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  for (const auto route : {plain_http_route::tunnel, plain_http_route::absolute_form}) {
    CAPTURE(tunnel_key(route));
    CAPTURE(lab.log_tail());
    site.options.proxies = {lab_proxy(lab, route)};
    // tinyproxy's "500 Unable to connect", to the CONNECT or in place of the page.
    const auto refused = fetch_for_test(refusing, site.options);
    REQUIRE(refused.error);
    CHECK(short_code(refused.error->code) == "proxy_refused");
    CHECK_FALSE(refused.error->proxy_fault);
    CHECK(refused.status == 0);
    CHECK(refused.body.empty());
    CHECK(refused.error->message.find("500") != std::string::npos);

    const auto broken = fetch_for_test(site.plain.url("/broken"), site.options);
    CHECK_FALSE(broken.error);
    CHECK(broken.status == 500);
    CHECK(broken.body == "<p>the site's own 500</p>");
  }
}

TEST_CASE("tinyproxy allowing CONNECT to 443 only: tunnel = false reaches a plain-http site") {
  origins site;
  proxy_lab lab(
      {.kind = proxy_kind::tinyproxy, .outgoing_address = "127.0.0.24", .connect_ports = {443}});
  site.options.proxies = {lab_proxy(lab, plain_http_route::tunnel)};
  const auto tunnelled = fetch_for_test(site.plain.url("/"), site.options);
  CAPTURE(lab.log_tail());
  REQUIRE(tunnelled.error);
  CHECK(short_code(tunnelled.error->code) == "proxy_refused");

  site.options.proxies = {lab_proxy(lab, plain_http_route::absolute_form)};
  check_exit(fetch_for_test(site.plain.url("/"), site.options), "127.0.0.24", lab);
}

TEST_CASE("geocrawl fetch through tinyproxy: a site with nothing listening is unreachable") {
  proxy_lab lab({.kind = proxy_kind::tinyproxy});
  const auto refusing = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  for (const auto route : {plain_http_route::tunnel, plain_http_route::absolute_form}) {
    CAPTURE(tunnel_key(route));
    const temp_file config(std::string(R"(
[limits]
timeout_s = 10
allow_networks = ["127.0.0.0/8"]

[verify]
mode = "off"

[[proxy]]
name = "lab"
url = ")") + lab.url() + R"("
country = "US"
tunnel = )" + tunnel_key(route) +
                               R"(

[[vantage]]
name = "desktop"
baseline = true

[[vantage]]
name = "us"
country = "US"
)",
                           ".toml");
    const auto result = run_geocrawl({"fetch", refusing, "--config", config.path(), "--json"});
    CAPTURE(result.err);
    CAPTURE(lab.log_tail());
    const auto report = boost::json::parse(result.out).as_object();
    CHECK(report.at("verdict").as_string() == "unreachable");
    const auto& views = report.at("views").as_array();
    REQUIRE(views.size() == 2);
    const auto& us = views[1].as_object();
    CHECK(us.at("vantage").as_string() == "us");
    CHECK(us.at("error").as_object().at("code").as_string() == "proxy_refused");
    CHECK(us.at("status").as_int64() == 0);
  }
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
