// fetch_view against scripted origins on 127.0.0.x: the behaviours of a single fetch
// that an analyst relies on, each with the case that would break it.
#include <doctest/doctest.h>

#include "crawler/view/sha256.hpp"
#include "proxies/coded_category.hpp"
#include "tests/support/encoders.hpp"
#include "tests/support/fetch_harness.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

handler page(std::string body,
             header_list headers = {{"Content-Type", "text/html; charset=utf-8"}}) {
  return [body = std::move(body), headers = std::move(headers)](const received_request&) {
    return http_response(200, headers, body);
  };
}

handler redirect(int status, std::string location, header_list extra = {}) {
  return [=](const received_request&) {
    auto headers = extra;
    headers.emplace_back("Location", location);
    return http_response(status, headers, "moved");
  };
}

// An https origin with a certificate from a fresh CA that the fetch trusts.
struct https_origin {
  explicit https_origin(std::vector<std::string> names = {"localhost"},
                        std::vector<std::string> addresses = {"127.0.0.1"})
      : pki(make_test_pki(names, addresses)),
        origin({.tls = pki.leaf}),
        ca(pki.ca.cert_pem, ".pem") {
    options.ca_file = ca.path();
  }
  test_pki pki;
  test_origin origin;
  temp_file ca;
  harness_options options;
};

std::string host_and_port(const test_origin& origin) {
  return "127.0.0.1:" + std::to_string(origin.port());
}

}  // namespace

TEST_CASE("a plain page is fetched with its evidence") {
  test_origin origin;
  origin.route("/", page("<html><title>shop</title></html>",
                         {{"Content-Type", "text/html"}, {"X-Served-By", "a"}}));
  const auto result = fetch_for_test(origin.url("/"));
  REQUIRE_FALSE(result.error.has_value());
  CHECK(result.status == 200);
  CHECK(result.final_url == origin.url("/"));
  CHECK(result.body == "<html><title>shop</title></html>");
  CHECK(result.sha256 == sha256_hex(result.body));
  CHECK(result.content_type == "text/html");
  CHECK(result.peer_address == "127.0.0.1");
  REQUIRE(result.redirects.size() == 1);
  CHECK(result.redirects[0].status == 200);
  CHECK_FALSE(result.truncated);
  CHECK_FALSE(result.tls.has_value());
  CHECK(std::find(result.response_headers.begin(), result.response_headers.end(),
                  std::pair<std::string, std::string>{"X-Served-By", "a"}) !=
        result.response_headers.end());
}

TEST_CASE("the request carries the vantage's browser profile") {
  test_origin origin;
  origin.route("/", page("ok"));
  harness_options options;
  options.profile.user_agent = "Googlebot/2.1 (+http://www.google.com/bot.html)";
  options.profile.accept_language = "ja-JP,ja;q=0.9";
  options.profile.referer = "https://www.google.co.jp/search?q=x";
  fetch_for_test(origin.url("/"), options);
  const auto requests = origin.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].header("User-Agent") == options.profile.user_agent);
  CHECK(requests[0].header("Accept-Language") == "ja-JP,ja;q=0.9");
  CHECK(requests[0].header("Referer") == options.profile.referer);
  CHECK(requests[0].header("Accept-Encoding") == "gzip, deflate, br, zstd");
  CHECK(requests[0].header("Accept").starts_with("text/html"));
  CHECK(requests[0].header("Host") == host_and_port(origin));
}

TEST_CASE("each redirect status is followed and the chain recorded") {
  for (int status : {301, 302, 303, 307, 308}) {
    CAPTURE(status);
    test_origin origin;
    origin.route("/start", redirect(status, "next?x=1"));
    origin.route("/next", page("landed"));
    const auto result = fetch_for_test(origin.url("/start"));
    REQUIRE_FALSE(result.error.has_value());
    CHECK(result.body == "landed");
    CHECK(result.final_url == origin.url("/next?x=1"));
    REQUIRE(result.redirects.size() == 2);
    CHECK(result.redirects[0].url == origin.url("/start"));
    CHECK(result.redirects[0].status == status);
    CHECK(result.redirects[1].status == 200);
  }
}

TEST_CASE("an absolute redirect to another host name goes through the resolver") {
  test_origin origin;
  origin.route("/", redirect(302, "http://shop.test:" + std::to_string(origin.port()) + "/buy"));
  origin.route("/buy", page("cart"));
  harness_options options;
  options.hosts = {{"shop.test", {"127.0.0.1"}}};
  const auto result = fetch_for_test(origin.url("/"), options);
  REQUIRE_FALSE(result.error.has_value());
  CHECK(result.final_url == "http://shop.test:" + std::to_string(origin.port()) + "/buy");
  CHECK(origin.requests().back().header("Host") == "shop.test:" + std::to_string(origin.port()));
}

TEST_CASE("a redirect without Location is the final response") {
  test_origin origin;
  origin.route("/", [](const received_request&) { return http_response(302, {}, "no location"); });
  const auto result = fetch_for_test(origin.url("/"));
  CHECK_FALSE(result.error.has_value());
  CHECK(result.status == 302);
  CHECK(result.body == "no location");
}

TEST_CASE("a meta refresh and a Refresh header are followed like redirects, and recorded") {
  test_origin origin;
  origin.route(
      "/",
      page(
          R"(<html><head><meta http-equiv="refresh" content="0; url=/step"></head>Loading</html>)"));
  origin.route("/step", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}, {"Refresh", "1;url=/shop"}},
                         "<p>moving</p>");
  });
  origin.route("/shop", page("<title>Shop</title>"));
  const auto result = fetch_for_test(origin.url("/"));
  REQUIRE_FALSE(result.error.has_value());
  CHECK(result.final_url == origin.url("/shop"));
  CHECK(result.body == "<title>Shop</title>");
  REQUIRE(result.redirects.size() == 3);
  CHECK(result.redirects[0].next == redirect_kind::meta_refresh);
  CHECK(result.redirects[1].next == redirect_kind::refresh_header);
  CHECK_FALSE(result.redirects[2].next);
}

TEST_CASE("refreshes a browser would not follow at once leave the view on the page") {
  test_origin origin;
  origin.route("/self",
               page(R"(<meta http-equiv="refresh" content="0">News)"));  // refresh in place
  origin.route("/slow", page(R"(<meta http-equiv="refresh" content="600; url=/later">News)"));
  origin.route("/loop-a", page(R"(<meta http-equiv="refresh" content="0; url=/loop-b">)"));
  origin.route("/loop-b", page(R"(<meta http-equiv="refresh" content="0; url=/loop-a">B)"));
  origin.route("/text", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/plain"}},
                         R"(<meta http-equiv="refresh" content="0; url=/x">)");
  });
  for (const char* path : {"/self", "/slow", "/text"}) {
    CAPTURE(path);
    const auto result = fetch_for_test(origin.url(path));
    CHECK_FALSE(result.error.has_value());
    CHECK(result.final_url == origin.url(path));
    CHECK(result.redirects.size() == 1);
  }
  const auto loop = fetch_for_test(origin.url("/loop-a"));
  CHECK_FALSE(loop.error.has_value());
  CHECK(loop.final_url == origin.url("/loop-b"));
  CHECK(origin.hits("/loop-a") == 1);
}

TEST_CASE("a meta refresh to a refused address is blocked before any connection") {
  test_origin origin;
  origin.route("/", page(R"(<meta http-equiv="refresh" content="0; url=http://10.0.0.1/">)"));
  const auto result = fetch_for_test(origin.url("/"));
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "blocked_target");
}

TEST_CASE("a redirect loop is detected") {
  test_origin origin;
  origin.route("/a", redirect(302, "/b"));
  origin.route("/b", redirect(302, "/a"));
  const auto result = fetch_for_test(origin.url("/a"));
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "redirect_loop");
  CHECK(origin.hits("/a") == 1);
  CHECK(origin.hits("/b") == 1);
}

TEST_CASE("an endless redirect chain stops at limits.max_redirects") {
  test_origin origin;
  for (int i = 0; i < 50; ++i)
    origin.route("/r" + std::to_string(i), redirect(302, "/r" + std::to_string(i + 1)));
  harness_options options;
  options.limits.max_redirects = 5;
  const auto result = fetch_for_test(origin.url("/r0"), options);
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "too_many_redirects");
  CHECK(origin.hits("/r5") == 1);  // the first request and five redirects
  CHECK(origin.hits("/r6") == 0);
  CHECK(result.redirects.size() == 6);
}

TEST_CASE("a cookie set before a redirect is sent on the next hop") {
  test_origin origin;
  origin.route("/", redirect(302, "/shop", {{"Set-Cookie", "gate=passed; Path=/"}}));
  origin.route("/shop", [](const received_request& request) {
    return http_response(200, {},
                         request.header("Cookie") == "gate=passed" ? "shop" : "under construction");
  });
  const auto result = fetch_for_test(origin.url("/"));
  CHECK(result.body == "shop");
}

TEST_CASE("a cookie check that redirects back to the start is not a loop") {
  test_origin origin;
  origin.route("/", [](const received_request& request) {
    if (request.header("Cookie").empty())
      return http_response(302, {{"Set-Cookie", "v=1"}, {"Location", "/"}}, "");
    return http_response(200, {}, "welcome back");
  });
  const auto result = fetch_for_test(origin.url("/"));
  CHECK_FALSE(result.error.has_value());
  CHECK(result.body == "welcome back");
}

TEST_CASE("redirects to refused addresses are blocked before any connection") {
  test_origin allowed;
  test_origin refused_origin({.bind_address = "127.0.0.2"});
  const auto port = std::to_string(refused_origin.port());
  // Every spelling of 127.0.0.2 a browser accepts; the policy only allows 127.0.0.1.
  for (const auto& target :
       {"http://127.0.0.2:" + port + "/", "http://2130706434:" + port + "/",
        "http://0x7f.0.0.2:" + port + "/", "http://0177.0.0.2:" + port + "/",
        "http://127.2:" + port + "/", "http://[::ffff:127.0.0.2]:" + port + "/",
        "http://refused.test:" + port + "/"}) {
    CAPTURE(target);
    allowed.route("/go", redirect(302, target));
    harness_options options;
    options.hosts = {{"refused.test", {"127.0.0.2"}}};
    const auto result = fetch_for_test(allowed.url("/go"), options);
    REQUIRE(result.error.has_value());
    CHECK(short_code(result.error->code) == "blocked_target");
    CHECK(result.error->message.find("127.0.0.2") != std::string::npos);
  }
  CHECK(refused_origin.connections() == 0);
}

TEST_CASE("numeric host forms that mean an allowed address are fetched") {
  test_origin origin;
  origin.route("/", page("numeric"));
  const auto port = std::to_string(origin.port());
  for (const auto& url : {"http://0x7f.1:" + port + "/", "http://2130706433:" + port + "/",
                          "http://0177.0.0.1:" + port + "/"}) {
    CAPTURE(url);
    const auto result = fetch_for_test(url);
    CHECK(result.body == "numeric");
    CHECK(result.final_url == origin.url("/"));
  }
}

TEST_CASE("loopback is refused by default") {
  test_origin origin;
  harness_options options;
  options.allow_networks.clear();
  const auto result = fetch_for_test(origin.url("/"), options);
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "blocked_target");
  CHECK(origin.connections() == 0);
}

TEST_CASE("every content coding is decoded") {
  const std::string original = "<html>" + std::string(20000, 'a') + "バイアグラ</html>";
  for (const char* coding : {"gzip", "deflate", "raw deflate", "br", "zstd"}) {
    CAPTURE(coding);
    test_origin origin;
    origin.route("/", page(encode(coding, original),
                           {{"Content-Encoding", std::string(content_encoding_for(coding))}}));
    const auto result = fetch_for_test(origin.url("/"));
    REQUIRE_FALSE(result.error.has_value());
    CHECK(result.body == original);
    CHECK(result.wire_bytes < original.size());
    CHECK(result.content_encoding == content_encoding_for(coding));
  }
}

TEST_CASE("decompression bombs are cut at max_body_bytes") {
  const std::string zeros(64 * 1024 * 1024, '\0');
  for (const char* coding : {"gzip", "br", "zstd"}) {
    CAPTURE(coding);
    test_origin origin;
    origin.route("/", page(encode(coding, zeros), {{"Content-Encoding", coding}}));
    const auto result = fetch_for_test(origin.url("/"));
    CHECK_FALSE(result.error.has_value());
    CHECK(result.truncated);
    CHECK(result.body.size() == harness_options::quick_limits().max_body_bytes);
    CHECK(result.truncated_reason.find("decoded") != std::string::npos);
  }
}

TEST_CASE("a gzip inside a gzip is decoded, and capped, through both layers") {
  const std::string zeros(32 * 1024 * 1024, '\0');
  test_origin origin;
  origin.route("/",
               page(encode("gzip", encode("gzip", zeros)), {{"Content-Encoding", "gzip, gzip"}}));
  const auto result = fetch_for_test(origin.url("/"));
  CHECK(result.truncated);
  CHECK(result.body.size() == harness_options::quick_limits().max_body_bytes);
}

TEST_CASE("a body over max_body_bytes is truncated and recorded") {
  test_origin origin;
  origin.route("/", page(std::string(3 * 1024 * 1024, 'x')));
  const auto result = fetch_for_test(origin.url("/"));
  CHECK_FALSE(result.error.has_value());
  CHECK(result.truncated);
  CHECK(result.body.size() == harness_options::quick_limits().max_body_bytes);
}

TEST_CASE("corrupt compressed data is a decode error that keeps the status") {
  test_origin origin;
  origin.route("/", page("this is not gzip at all", {{"Content-Encoding", "gzip"}}));
  const auto result = fetch_for_test(origin.url("/"));
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "decode");
  CHECK(result.status == 200);
}

TEST_CASE("a server that stalls after the headers times out with what it sent") {
  test_origin origin;
  origin.route("/", [](const received_request&) {
    return response_script{
        script_step::write(status_line(200) + "Content-Length: 100\r\n\r\npartial"),
        script_step::idle()};
  });
  harness_options options;
  options.limits.read_timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  const auto result = fetch_for_test(origin.url("/"), options);
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "timeout");
  CHECK(result.status == 200);
  CHECK(result.body == "partial");
}

TEST_CASE("a slow drip is stopped by the per-view deadline") {
  test_origin origin;
  origin.route("/", [](const received_request&) {
    return response_script{script_step::write(status_line(200) + "Content-Length: 1000\r\n\r\n"),
                           script_step::drip(std::string(1000, 'd'), 20ms)};
  });
  harness_options options;
  options.limits.view_timeout = 600ms;
  const auto started = std::chrono::steady_clock::now();
  const auto result = fetch_for_test(origin.url("/"), options);
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "timeout");
  CHECK(result.body.size() < 1000);
}

TEST_CASE("malformed HTTP and oversized headers are http errors") {
  test_origin origin;
  origin.route("/bad-status", [](const received_request&) {
    return response_script{script_step::write("HTTP/1.1 abc Broken\r\n\r\n"), script_step::close()};
  });
  origin.route("/huge-header", [](const received_request&) {
    return http_response(200, {{"X-Fill", std::string(200 * 1024, 'h')}}, "body");
  });
  origin.route("/closed", [](const received_request&) {
    return response_script{script_step::write(status_line(200) + "Content-Length: 50\r\n\r\nshort"),
                           script_step::close()};
  });
  for (const char* path : {"/bad-status", "/huge-header", "/closed"}) {
    CAPTURE(path);
    const auto result = fetch_for_test(origin.url(path));
    REQUIRE(result.error.has_value());
    CHECK(short_code(result.error->code) == "http");
  }
}

TEST_CASE("dns and connect failures are recorded with their codes") {
  auto unknown = fetch_for_test("http://missing.test/");
  REQUIRE(unknown.error.has_value());
  CHECK(short_code(unknown.error->code) == "dns");

  std::uint16_t closed_port = 0;
  {
    test_origin gone;
    closed_port = gone.port();
  }
  auto refused = fetch_for_test("http://127.0.0.1:" + std::to_string(closed_port) + "/");
  REQUIRE(refused.error.has_value());
  CHECK(short_code(refused.error->code) == "connect");

  auto bad = fetch_for_test("gopher://127.0.0.1/");
  REQUIRE(bad.error.has_value());
  CHECK(short_code(bad.error->code) == "bad_url");
}

TEST_CASE("https with a certificate from a trusted CA") {
  https_origin secure;
  secure.origin.route("/", page("secure shop"));
  const auto result = fetch_for_test(secure.origin.url("/"), secure.options);
  REQUIRE_FALSE(result.error.has_value());
  CHECK(result.body == "secure shop");
  REQUIRE(result.tls.has_value());
  CHECK(result.tls->verified);
  CHECK(result.tls->verify_error.empty());
  CHECK(result.tls->version.starts_with("TLSv1."));
  CHECK(result.tls->sha256_fingerprint.size() == 64);
  CHECK_FALSE(result.tls->not_after.empty());
}

TEST_CASE("https with SNI and the host name checked") {
  https_origin secure({"shop.test"}, {});
  secure.origin.route("/", page("named"));
  auto& options = secure.options;
  options.hosts = {{"shop.test", {"127.0.0.1"}}, {"other.test", {"127.0.0.1"}}};
  const auto port = std::to_string(secure.origin.port());
  const auto good = fetch_for_test("https://shop.test:" + port + "/", options);
  CHECK_FALSE(good.error.has_value());
  const auto mismatch = fetch_for_test("https://other.test:" + port + "/", options);
  REQUIRE(mismatch.error.has_value());
  CHECK(short_code(mismatch.error->code) == "tls");
  CHECK(mismatch.error->message.find("does not match host other.test") != std::string::npos);
}

TEST_CASE("a certificate from an unknown CA fails, or is recorded when verification is off") {
  const auto trusted = make_test_pki({"localhost"}, {"127.0.0.1"});
  const auto unknown = make_test_pki({"localhost"}, {"127.0.0.1"});
  test_origin origin({.tls = unknown.leaf});
  origin.route("/", page("who signed this"));
  const temp_file ca(trusted.ca.cert_pem, ".pem");
  harness_options options;
  options.ca_file = ca.path();

  const auto enforced = fetch_for_test(origin.url("/"), options);
  REQUIRE(enforced.error.has_value());
  CHECK(short_code(enforced.error->code) == "tls");
  CHECK(enforced.error->message.find("unable to get local issuer certificate") !=
        std::string::npos);
  CHECK(enforced.error->message.find("set tls.ca_file") != std::string::npos);

  options.verify_tls = false;
  const auto recorded = fetch_for_test(origin.url("/"), options);
  REQUIRE_FALSE(recorded.error.has_value());
  CHECK(recorded.body == "who signed this");
  REQUIRE(recorded.tls.has_value());
  CHECK_FALSE(recorded.tls->verified);
  CHECK(recorded.tls->verify_error.find("unable to get local issuer certificate") !=
        std::string::npos);
  CHECK(recorded.tls->verify_error.find("tls.ca_file") == std::string::npos);  // evidence only
}

TEST_CASE("a TLS handshake that stalls times out") {
  const auto pki = make_test_pki({"localhost"}, {"127.0.0.1"});
  test_origin origin({.tls = pki.leaf, .stall_tls_handshake = true});
  harness_options options;
  options.limits.read_timeout = 300ms;
  const auto result = fetch_for_test(origin.url("/"), options);
  REQUIRE(result.error.has_value());
  CHECK(short_code(result.error->code) == "timeout");
  CHECK(result.error->message.find("TLS handshake") != std::string::npos);
}

TEST_CASE("an https page redirecting to http is followed like a browser") {
  https_origin secure;
  test_origin plain;
  plain.route("/", page("downgraded"));
  secure.origin.route("/", redirect(302, plain.url("/")));
  const auto result = fetch_for_test(secure.origin.url("/"), secure.options);
  CHECK(result.body == "downgraded");
  CHECK_FALSE(result.tls.has_value());  // the final hop was plain http
}

}  // namespace geocrawl::testing
