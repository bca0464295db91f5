// Without [[vantage]] entries geocrawl compares its two built-in vantages, both direct: a
// desktop browser (the baseline, `default`) and a Japanese phone referred by Google
// (`ja-search`). With no --config at all the built-in address policy refuses loopback
// targets, so the comparisons themselves are run with a config that only allows loopback.
#include <doctest/doctest.h>

#include <string>

#include <boost/json/parse.hpp>

#include "tests/support/report_json.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

namespace json = boost::json;

constexpr std::string_view shop_page =
    "<html><title>バイアグラ通販</title><p>Buy Viagra online, no prescription needed. Cart, "
    "checkout, shipping to Japan.</p></html>";
constexpr std::string_view construction_page =
    "<html><title>Under construction</title><p>Coming soon.</p></html>";

// Only the address policy: the vantages stay the built-in ones.
constexpr std::string_view loopback_only = "[limits]\nallow_networks = [\"127.0.0.0/8\"]\n";

json::object fetch_json(const test_origin& origin) {
  const temp_file config(std::string(loopback_only), ".toml");
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--json"});
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out).as_object();
}

}  // namespace

TEST_CASE("with no --config, fetch fetches from both built-in vantages and compares them") {
  test_origin origin;
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--json"});
  // The built-in policy refuses loopback: both views fail alike, which is still a comparison.
  CHECK(result.exit_code == 1);
  const auto report = json::parse(result.out).as_object();
  const auto& views = report.at("views").as_array();
  REQUIRE(views.size() == 2);
  CHECK(views[0].as_object().at("vantage").as_string() == "default");
  CHECK(views[1].as_object().at("vantage").as_string() == "ja-search");
  CHECK(views[1].as_object().at("exit_unverified").as_string() ==
        "no [verify] echo_url is configured");
  REQUIRE(report.at("comparisons").as_array().size() == 1);
  CHECK(report.at("verdict").as_string() == "unreachable");
  CHECK(origin.connections() == 0);
}

TEST_CASE("a site that shows its shop only to Japanese search visitors is cloaked by profile") {
  test_origin origin;
  origin.route("/", [](const received_request& request) {
    const bool japanese_from_search =
        request.header("Accept-Language").starts_with("ja") &&
        request.header("Referer").find("google.") != std::string::npos;
    return http_response(200, {{"Content-Type", "text/html; charset=utf-8"}},
                         std::string(japanese_from_search ? shop_page : construction_page));
  });
  const auto report = fetch_json(origin);
  CHECK(report.at("verdict").as_string() == "cloaked");
  const auto& pair = report.at("comparisons").as_array()[0].as_object();
  CHECK(pair.at("baseline").as_string() == "default");
  CHECK(pair.at("vantage").as_string() == "ja-search");
  CHECK(pair.at("verdict").as_string() == "cloaked");
  const auto& reasons = pair.at("reasons").as_array();
  CHECK(std::string(reasons[0].as_string()).starts_with("ja-search sees a "));
  CHECK(reasons.back().as_string() ==
        "ja-search and default both fetch directly from this machine: this compares their "
        "request profiles (user agent, Accept-Language, Referer), not countries");
  // The baseline went out as a desktop browser in English, with no referer.
  const auto& visitor = entry_named(report.at("views").as_array(), "vantage", "ja-search");
  CHECK(visitor.at("no_rx").as_bool());
}

TEST_CASE("a site that shows everyone the same page is consistent with the built-in vantages") {
  test_origin origin;
  origin.route("/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}}, std::string(construction_page));
  });
  const auto report = fetch_json(origin);
  CHECK(report.at("verdict").as_string() == "consistent");
  CHECK(report.at("comparisons").as_array()[0].as_object().at("verdict").as_string() ==
        "consistent");
}

}  // namespace geocrawl::testing
