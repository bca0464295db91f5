// A visitor's connection carries its next request when the server leaves it open
// (crawler/http/connection_keeper.hpp): the hops of a same-origin redirect, and a page's
// follow-up (its favicon). Each case has the server behaviour that would break it: a close
// announced or not, a connection gone while idle, another origin, a proxy's lease.
#include <doctest/doctest.h>

#include "tests/support/fetch_harness.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

handler answer(int status, header_list headers, std::string body) {
  return [=](const received_request&) { return http_response(status, headers, body); };
}

handler html(std::string body) {
  return answer(200, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body));
}

// The response, then the connection closed without saying so first, gracefully or with a reset.
handler answer_then(script_step ending) {
  return [=](const received_request&) {
    auto script = http_response(200, {{"Content-Type", "text/html"}}, "<p>gone</p>");
    script.push_back(ending);
    return script;
  };
}

}  // namespace

TEST_CASE("kept connection: a page and its follow-up go over one connection") {
  test_origin origin;
  origin.route("/", html("<p>shop</p>"));
  origin.route("/favicon.ico", answer(404, {{"Content-Type", "text/plain"}}, "not found"));
  const auto views = fetch_in_one_visit({origin.url("/"), origin.url("/favicon.ico")});
  REQUIRE(views.size() == 2);
  CHECK_FALSE(views[0].error);
  CHECK_FALSE(views[1].error);
  CHECK(views[0].status == 200);
  CHECK(views[1].status == 404);
  CHECK(origin.connections() == 1);
  CHECK(origin.hits("/favicon.ico") == 1);
  // The second view reached the same server, and opening the connection cost it nothing.
  CHECK(views[1].peer_address == views[0].peer_address);
  CHECK(views[1].timings.connect == 0ms);
  CHECK(views[1].timings.dns == 0ms);
}

TEST_CASE("kept connection: a redirect within the origin follows over the same connection") {
  test_origin origin;
  origin.route("/old", answer(301, {{"Location", "/new"}}, ""));
  origin.route("/moved", answer(301, {{"Location", "/new"}}, "moved"));
  origin.route("/new", html("<p>new</p>"));
  const auto direct = fetch_for_test(origin.url("/old"));
  CHECK_FALSE(direct.error);
  CHECK(direct.status == 200);
  CHECK(direct.redirects.size() == 2);
  CHECK(origin.connections() == 1);
  // A redirect's body is not read, so its connection is not at a message's end.
  const auto with_body = fetch_for_test(origin.url("/moved"));
  CHECK(with_body.status == 200);
  CHECK(origin.connections() == 3);
}

TEST_CASE("kept connection: a server that closes gets a new connection for the next request") {
  test_origin origin;
  origin.route("/announced", answer(200, {{"Connection", "close"}}, "<p>bye</p>"));
  origin.route("/closed", answer_then(script_step::close()));
  origin.route("/reset", answer_then(script_step::reset()));
  origin.route("/next", html("<p>next</p>"));
  for (const char* first : {"/announced", "/closed", "/reset"}) {
    CAPTURE(first);
    const auto before = origin.connections();
    const auto views = fetch_in_one_visit({origin.url(first), origin.url("/next")});
    REQUIRE(views.size() == 2);
    CHECK(views[0].status == 200);
    // Whether the close came before the second request or during it, that request is answered.
    CHECK_FALSE(views[1].error);
    CHECK(views[1].status == 200);
    CHECK(views[1].body == "<p>next</p>");
    CHECK(origin.connections() - before == 2);
  }
  CHECK(origin.hits("/next") == 3);
}

TEST_CASE("kept connection: one idle too long, or to another origin, is not reused") {
  test_origin first;
  test_origin second;
  for (auto* origin : {&first, &second}) origin->route("/", html("<p>page</p>"));
  const auto idle = fetch_in_one_visit({first.url("/"), first.url("/")}, {}, 0ms);
  CHECK(idle.at(1).status == 200);
  CHECK(first.connections() == 2);
  // One connection is kept at a time: the second origin's replaces the first's.
  const auto views = fetch_in_one_visit({first.url("/"), second.url("/"), first.url("/")});
  for (const auto& record : views) CHECK(record.status == 200);
  CHECK(first.connections() == 4);
  CHECK(second.connections() == 1);
}

TEST_CASE("kept connection: through a proxy the visit keeps the connection and its lease") {
  test_origin origin;
  origin.route("/old", answer(302, {{"Location", "/new"}}, ""));
  origin.route("/new", html("<p>new</p>"));
  origin.route("/favicon.ico", answer(404, {{"Content-Type", "text/plain"}}, "not found"));
  test_socks5_proxy proxy({.outgoing_address = "127.0.0.11"});
  harness_options options;
  // One connection at a time: the second view goes out under the lease the first one held.
  options.proxies = {test_proxy("jp-1", proxy.url("socks5"), "JP", 1)};
  options.country = "JP";
  const auto views = fetch_in_one_visit({origin.url("/old"), origin.url("/favicon.ico")}, options);
  REQUIRE(views.size() == 2);
  CHECK(views[0].status == 200);
  CHECK(views[0].redirects.size() == 2);
  CHECK(views[0].proxy == "jp-1");
  CHECK(views[1].status == 404);
  CHECK(views[1].proxy == "jp-1");
  CHECK(proxy.connections() == 1);
  CHECK(origin.connections() == 1);
  CHECK(origin.requests().back().peer_address == "127.0.0.11");
}

}  // namespace geocrawl::testing
