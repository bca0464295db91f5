// Fetching through proxies: each proxy type, remote and local resolution, the address
// policy through a proxy, TLS inside tunnels and to the proxy, every failure code, and
// failover within a country. Scripted proxies on 127.0.0.x whose connections to targets
// leave from a chosen source address, so the origin can tell which exit it saw.
#include <doctest/doctest.h>

#include "proxies/coded_category.hpp"
#include "tests/support/capture_binding.hpp"
#include "tests/support/fetch_harness.hpp"
#include "tests/support/test_connect_proxy.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

// Answers with the address the request came from: which exit the origin saw.
handler echo_source() {
  return [](const received_request& request) {
    return http_response(200, {{"Content-Type", "text/plain"}}, request.peer_address);
  };
}

// An origin on 127.0.0.1 that the proxies reach as "shop.test"; geocrawl's own resolver
// sends that name somewhere else (nothing listens on 127.0.0.99), so a view that worked
// proves where the name was resolved.
struct shop {
  test_origin origin;
  harness_options options;

  explicit shop(origin_options origin_settings = {}) : origin(std::move(origin_settings)) {
    origin.route("/", echo_source());
    options.hosts = {{"shop.test", {"127.0.0.99"}}};
  }
  host_table proxy_hosts() const { return {{"shop.test", "127.0.0.1"}}; }
  std::string url(std::string_view scheme = "http") const {
    return std::string(scheme) + "://shop.test:" + std::to_string(origin.port()) + "/";
  }
};

// An HTTPS origin with a certificate for shop.test, trusted through a temporary CA file.
struct tls_shop : shop {
  test_pki pki;
  temp_file ca;

  tls_shop() : tls_shop(make_test_pki({"shop.test"}, {"127.0.0.1"})) {}
  explicit tls_shop(test_pki made)
      : shop({.tls = made.leaf}), pki(std::move(made)), ca(pki.ca.cert_pem, ".pem") {
    options.ca_file = ca.path();
  }
};

const proxy_credentials alice{"alice", "wonderland-secret"};

// The proxy as configured with tunnel = false: plain http goes to it in absolute form.
pooled_proxy absolute_form(pooled_proxy proxy) {
  proxy.endpoint.plain_http = plain_http_route::absolute_form;
  return proxy;
}

}  // namespace

TEST_CASE("socks5h: the proxy resolves the name and the origin sees the proxy's exit") {
  shop site;
  test_socks5_proxy proxy({.outgoing_address = "127.0.0.11", .hosts = site.proxy_hosts()});
  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h"))};
  const auto result = fetch_for_test(site.url(), site.options);
  REQUIRE_FALSE(result.error);
  CHECK(result.status == 200);
  CHECK(result.body == "127.0.0.11");
  CHECK(result.proxy == "jp-1");
  CHECK(result.peer_address == "127.0.0.1");  // the proxy
  const auto requests = proxy.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].address_type == socks5_address_type::domain);
  CHECK(requests[0].host == "shop.test");
}

TEST_CASE("socks5: geocrawl resolves the name, checks the address and sends it") {
  shop site;
  site.options.hosts = {{"shop.test", {"127.0.0.1"}}};
  test_socks5_proxy proxy({.outgoing_address = "127.0.0.12"});
  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5"))};
  const auto result = fetch_for_test(site.url(), site.options);
  REQUIRE_FALSE(result.error);
  CHECK(result.body == "127.0.0.12");
  const auto requests = proxy.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].address_type == socks5_address_type::ipv4);
  CHECK(requests[0].host == "127.0.0.1");
}

TEST_CASE("the address policy holds through a proxy: nothing is sent for a refused target") {
  shop site;
  site.options.hosts = {{"intranet.test", {"10.1.2.3"}}};
  test_socks5_proxy socks({.hosts = site.proxy_hosts()});
  test_connect_proxy http({.hosts = site.proxy_hosts()});
  struct example {
    std::string proxy_url;
    std::string target;
  };
  const example examples[] = {
      {socks.url("socks5"), "http://intranet.test/"},  // resolved locally, then refused
      {socks.url("socks5h"), "http://10.1.2.3/"},      // an address: checked before sending
      {socks.url("socks5h"), "http://0x0a010203/"},    // the same address in hex
      {socks.url("socks5h"), "http://[::ffff:10.1.2.3]/"},
      {http.url(), "http://10.1.2.3/"},
      {http.url(), "https://192.168.0.1/"},
  };
  for (const auto& [proxy_url, target] : examples) {
    CAPTURE_BINDING(target);
    site.options.proxies = {test_proxy("p", proxy_url)};
    const auto result = fetch_for_test(target, site.options);
    REQUIRE(result.error);
    CHECK(short_code(result.error->code) == "blocked_target");
  }
  CHECK(socks.connections() == 0);
  CHECK(http.connections() == 0);
}

TEST_CASE("SOCKS5 username/password: accepted, and refused as proxy_auth") {
  shop site;
  test_socks5_proxy proxy(
      {.outgoing_address = "127.0.0.11", .credentials = alice, .hosts = site.proxy_hosts()});
  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h", alice))};
  const auto accepted = fetch_for_test(site.url(), site.options);
  REQUIRE_FALSE(accepted.error);
  CHECK(accepted.body == "127.0.0.11");

  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h", {"alice", "wrong"}))};
  const auto refused = fetch_for_test(site.url(), site.options);
  REQUIRE(refused.error);
  CHECK(short_code(refused.error->code) == "proxy_auth");
  CHECK(refused.error->proxy_fault);
  CHECK(refused.error->message.find("wrong") == std::string::npos);

  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h"))};
  const auto missing = fetch_for_test(site.url(), site.options);
  REQUIRE(missing.error);
  CHECK(short_code(missing.error->code) == "proxy_auth");
}

TEST_CASE("a SOCKS5 refusal reports the reply code and is the target's failure, not the proxy's") {
  shop site;
  test_socks5_proxy proxy({.hosts = site.proxy_hosts(), .reply_code = 5});
  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h"))};
  const auto result = fetch_for_test(site.url(), site.options);
  REQUIRE(result.error);
  CHECK(short_code(result.error->code) == "proxy_refused");
  CHECK(result.error->message.find("refused") != std::string::npos);
  CHECK(result.error->message.find("5") != std::string::npos);
  CHECK_FALSE(result.error->proxy_fault);

  test_socks5_proxy unknown_host;  // shop.test is not in its table: reply 4
  site.options.proxies = {test_proxy("jp-1", unknown_host.url("socks5h"))};
  const auto unreachable = fetch_for_test(site.url(), site.options);
  REQUIRE(unreachable.error);
  CHECK(short_code(unreachable.error->code) == "proxy_refused");
  CHECK(unreachable.error->message.find("host unreachable") != std::string::npos);
}

TEST_CASE("misbehaving proxies end within their bounds with the right code") {
  shop site;
  struct example {
    socks5_behaviour behaviour;
    const char* code;
  };
  const example examples[] = {
      {socks5_behaviour::never_reply, "timeout"},
      {socks5_behaviour::close_after_greeting, "proxy_protocol"},
      {socks5_behaviour::garbage_reply, "proxy_protocol"},
  };
  for (const auto& [behaviour, code] : examples) {
    CAPTURE_BINDING(code);
    test_socks5_proxy proxy({.hosts = site.proxy_hosts(), .behaviour = behaviour});
    site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h"))};
    const auto started = std::chrono::steady_clock::now();
    const auto result = fetch_for_test(site.url(), site.options);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
    REQUIRE(result.error);
    CHECK(short_code(result.error->code) == code);
    CHECK(result.error->proxy_fault);
  }
}

TEST_CASE("a proxy that is down is proxy_connect, and its URL is shown without the password") {
  shop site;
  std::string down_url;
  {
    test_socks5_proxy gone;
    down_url = gone.url("socks5h", alice);
  }
  site.options.proxies = {test_proxy("jp-1", down_url)};
  const auto result = fetch_for_test(site.url(), site.options);
  REQUIRE(result.error);
  CHECK(short_code(result.error->code) == "proxy_connect");
  CHECK(result.error->proxy_fault);
  CHECK(result.error->message.find("***@127.0.0.1") != std::string::npos);
  CHECK(result.error->message.find(alice.password) == std::string::npos);
}

TEST_CASE("a proxy that dies mid-transfer ends the view with what arrived") {
  shop site;
  site.origin.route("/big", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/plain"}}, std::string(100000, 'x'));
  });
  test_socks5_proxy proxy({.hosts = site.proxy_hosts(),
                           .behaviour = socks5_behaviour::die_mid_transfer,
                           .die_after_bytes = 5000});
  site.options.proxies = {test_proxy("jp-1", proxy.url("socks5h"))};
  const auto result = fetch_for_test(
      "http://shop.test:" + std::to_string(site.origin.port()) + "/big", site.options);
  REQUIRE(result.error);
  CHECK(result.status == 200);
  CHECK(result.body.size() < 100000);
}

TEST_CASE("HTTP proxy: CONNECT for every target, absolute-form with tunnel = false") {
  SUBCASE("http target: tunnelled by default, with Basic credentials") {
    shop site;
    test_connect_proxy proxy(
        {.outgoing_address = "127.0.0.20", .credentials = alice, .hosts = site.proxy_hosts()});
    site.options.proxies = {test_proxy("us-1", proxy.url(alice), "US")};
    const auto result = fetch_for_test(site.url() + "?q=1#fragment", site.options);
    REQUIRE_FALSE(result.error);
    CHECK(result.body == "127.0.0.20");
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "CONNECT");
    CHECK(requests[0].target == "shop.test:" + std::to_string(site.origin.port()));
    CHECK(requests[0].auth == proxy_auth::accepted);
    REQUIRE(site.origin.requests().size() == 1);
    CHECK(site.origin.requests()[0].target == "/?q=1");  // origin-form inside the tunnel
  }
  SUBCASE("http target with tunnel = false: absolute-form with Basic credentials, no CONNECT") {
    shop site;
    test_connect_proxy proxy(
        {.outgoing_address = "127.0.0.20", .credentials = alice, .hosts = site.proxy_hosts()});
    site.options.proxies = {absolute_form(test_proxy("us-1", proxy.url(alice), "US"))};
    const auto result = fetch_for_test(site.url() + "?q=1#fragment", site.options);
    REQUIRE_FALSE(result.error);
    CHECK(result.body == "127.0.0.20");
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "GET");
    CHECK(requests[0].target == site.url() + "?q=1");
    CHECK(requests[0].auth == proxy_auth::accepted);
  }
  SUBCASE("https target: CONNECT by name, TLS to the origin verified inside the tunnel") {
    tls_shop site;
    test_connect_proxy proxy({.outgoing_address = "127.0.0.21", .hosts = site.proxy_hosts()});
    site.options.proxies = {test_proxy("us-1", proxy.url(), "US")};
    const auto result = fetch_for_test(site.url("https"), site.options);
    REQUIRE_FALSE(result.error);
    CHECK(result.body == "127.0.0.21");
    REQUIRE(result.tls);
    CHECK(result.tls->verified);
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "CONNECT");
    CHECK(requests[0].target == "shop.test:" + std::to_string(site.origin.port()));
  }
}

TEST_CASE(
    "HTTP proxy refusals: 407 is proxy_auth, also in absolute form, other statuses proxy_refused "
    "with the status") {
  tls_shop site;
  test_connect_proxy guarded({.credentials = alice, .hosts = site.proxy_hosts()});
  site.options.proxies = {test_proxy("us-1", guarded.url(), "US")};
  const auto unauthorised = fetch_for_test(site.url("https"), site.options);
  REQUIRE(unauthorised.error);
  CHECK(short_code(unauthorised.error->code) == "proxy_auth");
  CHECK(unauthorised.error->message.find("407") != std::string::npos);

  // A plain-http site sent to the proxy in absolute form: its 407 is still the proxy's, not a
  // page the site served, and a proxy fault another proxy may not share.
  shop plain_site;
  site.options.proxies = {absolute_form(test_proxy("us-1", guarded.url(), "US"))};
  const auto absolute = fetch_for_test(plain_site.url(), site.options);
  REQUIRE(absolute.error);
  CHECK(short_code(absolute.error->code) == "proxy_auth");
  CHECK(absolute.error->proxy_fault);
  CHECK(absolute.status == 0);
  CHECK(absolute.error->message.find("407") != std::string::npos);

  test_connect_proxy forbidding({.hosts = site.proxy_hosts(), .status = 403});
  site.options.proxies = {test_proxy("us-1", forbidding.url(), "US")};
  const auto forbidden = fetch_for_test(site.url("https"), site.options);
  REQUIRE(forbidden.error);
  CHECK(short_code(forbidden.error->code) == "proxy_refused");
  CHECK(forbidden.error->message.find("403") != std::string::npos);
}

TEST_CASE("an HTTP proxy that cannot reach the site: proxy_refused, never its page as the site's") {
  std::uint16_t closed_port = 0;
  {
    const test_origin gone;
    closed_port = gone.port();
  }
  shop site;
  site.origin.route("/overloaded", [](const received_request&) {
    return http_response(502, {{"Content-Type", "text/html"}}, "<p>upstream down</p>");
  });
  test_connect_proxy proxy({.hosts = {{"shop.test", "127.0.0.1"}, {"gone.test", "127.0.0.1"}}});
  const auto gone_url = "http://gone.test:" + std::to_string(closed_port) + "/";
  for (const auto route : {plain_http_route::tunnel, plain_http_route::absolute_form}) {
    CAPTURE(static_cast<int>(route));
    auto through = test_proxy("us-1", proxy.url(), "US");
    through.endpoint.plain_http = route;
    site.options.proxies = {through};
    const auto refused = fetch_for_test(gone_url, site.options);
    REQUIRE(refused.error);
    CHECK(short_code(refused.error->code) == "proxy_refused");
    CHECK_FALSE(refused.error->proxy_fault);  // the site is down, not the proxy
    CHECK(refused.status == 0);
    CHECK(refused.redirects.empty());
    CHECK(refused.error->message.find("502") != std::string::npos);
    CHECK(proxy.requests().back().method ==
          (route == plain_http_route::tunnel ? "CONNECT" : "GET"));

    // The site's own 502, relayed by the proxy, carries none of the proxy's marks: the site's.
    const auto relayed = fetch_for_test(site.url() + "overloaded", site.options);
    CHECK_FALSE(relayed.error);
    CHECK(relayed.status == 502);
    CHECK(relayed.body == "<p>upstream down</p>");
  }
}

TEST_CASE("https:// proxy: TLS to the proxy, and the target's TLS inside it") {
  tls_shop site(make_test_pki({"shop.test", "proxy.test"}, {"127.0.0.1"}));
  site.options.hosts["proxy.test"] = {"127.0.0.1"};
  test_connect_proxy proxy(
      {.outgoing_address = "127.0.0.30", .hosts = site.proxy_hosts(), .tls = site.pki.leaf});
  site.options.proxies = {
      test_proxy("de-1", "https://proxy.test:" + std::to_string(proxy.port()), "DE")};
  const auto secure = fetch_for_test(site.url("https"), site.options);
  REQUIRE_FALSE(secure.error);
  CHECK(secure.body == "127.0.0.30");
  REQUIRE(secure.tls);
  CHECK(secure.tls->verified);

  shop plain_site;  // also shop.test to the proxy: 127.0.0.1, on its own port
  site.options.proxies = {absolute_form(site.options.proxies.front())};
  const auto plain = fetch_for_test(plain_site.url(), site.options);
  REQUIRE_FALSE(plain.error);
  CHECK(plain.body == "127.0.0.30");
  const auto requests = proxy.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "CONNECT");
  CHECK(requests[1].method == "GET");
  CHECK(requests[1].target == plain_site.url());
}

TEST_CASE("failover: a country vantage goes on through the next proxy of the country") {
  shop site;
  std::string down_url;
  {
    test_socks5_proxy gone;
    down_url = gone.url("socks5h");
  }
  test_socks5_proxy second({.outgoing_address = "127.0.0.12", .hosts = site.proxy_hosts()});
  site.options.proxies = {test_proxy("jp-1", down_url), test_proxy("jp-2", second.url("socks5h"))};
  site.options.country = "JP";
  const auto result = fetch_for_test(site.url(), site.options);
  REQUIRE_FALSE(result.error);
  CHECK(result.proxy == "jp-2");
  CHECK(result.body == "127.0.0.12");
}

TEST_CASE("a country with no working proxy fails with no_proxy_for_country, never directly") {
  shop site;
  test_socks5_proxy refusing(
      {.hosts = site.proxy_hosts(), .behaviour = socks5_behaviour::garbage_reply});
  test_socks5_proxy other_country({.outgoing_address = "127.0.0.20", .hosts = site.proxy_hosts()});
  site.options.proxies = {test_proxy("jp-1", refusing.url("socks5h")),
                          test_proxy("us-1", other_country.url("socks5h"), "US")};
  site.options.country = "JP";
  site.options.hosts = {{"shop.test", {"127.0.0.1"}}};  // a direct fetch would work
  const auto result = fetch_for_test(site.url(), site.options);
  REQUIRE(result.error);
  CHECK(short_code(result.error->code) == "no_proxy_for_country");
  CHECK(result.error->message.find("jp-1") != std::string::npos);
  CHECK(other_country.connections() == 0);
  CHECK(site.origin.connections() == 0);

  site.options.country = "FR";  // no proxy at all
  const auto none = fetch_for_test(site.url(), site.options);
  REQUIRE(none.error);
  CHECK(short_code(none.error->code) == "no_proxy_for_country");
}

}  // namespace geocrawl::testing
