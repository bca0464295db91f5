#include "crawler/http/proxy_answer.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

struct answer_case {
  const char* name;
  int status;
  header_list headers;
  std::optional<proxy_answer_rule> rule;  // none: the site's answer
  bool proxy_fault = false;
};

}  // namespace

TEST_CASE("proxy_own_answer: the proxy's pages by its own marks, the site's kept as the site's") {
  constexpr std::string_view proxy_host = "proxy.example";
  const std::vector<answer_case> cases = {
      // What tinyproxy 1.11.1 sends when the target refuses the connection.
      {"tinyproxy's Unable to connect",
       500,
       {{"Server", "tinyproxy/1.11.1"}, {"Content-Type", "text/html"}, {"Connection", "close"}},
       proxy_answer_rule::proxy_server},
      // ... and what it relays from an origin that answered 500 itself.
      {"an origin's 500 relayed by tinyproxy",
       500,
       {{"Via", "1.1 geocrawl-lab (tinyproxy/1.11.1)"}, {"Server", "nginx"}},
       std::nullopt},
      {"an origin's 500 with no Server, relayed", 500, {{"Via", "1.1 tinyproxy"}}, std::nullopt},
      {"squid's ERR_CONNECT_FAIL",
       503,
       {{"Server", "squid/5.7"},
        {"X-Squid-Error", "ERR_CONNECT_FAIL 111"},
        {"Via", "1.1 proxy.example (squid/5.7)"}},
       proxy_answer_rule::squid_error},
      {"RFC 9209: the target refused",
       502,
       {{"Proxy-Status", "proxy.example; error=connection_refused"}},
       proxy_answer_rule::proxy_status_error},
      {"RFC 9209: the proxy is misconfigured, a fault of the proxy",
       500,
       {{"proxy-status", "edge; error=proxy_configuration_error; details=\"no upstream\""}},
       proxy_answer_rule::proxy_status_error,
       true},
      {"RFC 9209 after an earlier member, quoted separators skipped",
       504,
       {{"Proxy-Status",
         "cdn; received-status=200; details=\"a, b; error=x\", proxy.example; "
         "error=connection_timeout"}},
       proxy_answer_rule::proxy_status_error},
      {"Proxy-Status with no error: relayed, the site's",
       200,
       {{"Proxy-Status", "proxy.example; received-status=200"}},
       std::nullopt},
      {"Server naming the proxy's host",
       403,
       {{"Server", "proxy.example"}},
       proxy_answer_rule::proxy_server},
      {"Server naming proxy software, but the site set a cookie",
       500,
       {{"Server", "squid"}, {"Set-Cookie", "s=1"}},
       std::nullopt},
      {"Server naming proxy software on a success",
       200,
       {{"Server", "tinyproxy/1.11.1"}},
       std::nullopt},
      {"a bare 502 marked only by the proxy's Via",
       502,
       {{"Via", "1.1 proxy.example:3128"}},
       proxy_answer_rule::gateway_error_via_proxy},
      {"a bare 504 with proxy software in Via",
       504,
       {{"via", "1.0 gw (privoxy/3.0)"}},
       proxy_answer_rule::gateway_error_via_proxy},
      {"a 503 with the origin's Server is the site's",
       503,
       {{"Via", "1.1 proxy.example"}, {"Server", "Apache"}},
       std::nullopt},
      {"a 502 with a cookie is the site's",
       502,
       {{"Via", "1.1 proxy.example"}, {"Set-Cookie", "a=b"}},
       std::nullopt},
      {"a 502 through another proxy is the site's",
       502,
       {{"Via", "1.1 cache.site.example"}},
       std::nullopt},
      {"a 502 with no Via at all is the site's", 502, {}, std::nullopt},
      {"a 500 is not a gateway error", 500, {{"Via", "1.1 proxy.example"}}, std::nullopt},
      {"a host that only starts like the proxy's",
       502,
       {{"Via", "1.1 proxy.example.net"}},
       std::nullopt},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto answer = proxy_own_answer(c.status, c.headers, proxy_host);
    REQUIRE(answer.has_value() == c.rule.has_value());
    if (!answer) continue;
    CHECK(answer->rule == *c.rule);
    CHECK(answer->proxy_fault == c.proxy_fault);
    CHECK_FALSE(answer->evidence.empty());
  }
}

TEST_CASE("proxy_own_answer: the evidence names the field that gave the proxy away") {
  const auto answer = proxy_own_answer(500, {{"server", "tinyproxy/1.11.1"}}, "127.0.0.1");
  REQUIRE(answer);
  CHECK(answer->evidence == "Server: tinyproxy/1.11.1");
}

}  // namespace geocrawl
