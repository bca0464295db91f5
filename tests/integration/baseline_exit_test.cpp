// The baseline's exit is verified like a proxy's: the binary checks where direct fetches
// leave from through the echo URL, records it on every direct view and among the proxy
// checks, and a country vantage that exits in the baseline's own country is inconclusive.
// The echo route plays the analyst's NAT: the direct fetch comes from 127.0.0.1, and the
// echo answers with the public address the test gives it, as a real echo service would.
#include <doctest/doctest.h>

#include <string>

#include <boost/json/parse.hpp>

#include "crawler/store/sqlite.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/report_json.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_geoip.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

namespace json = boost::json;

constexpr std::string_view shop_page =
    "<html><title>Cheap Viagra</title><p>Buy Viagra online, no prescription needed.</p></html>";
constexpr std::string_view construction_page =
    "<html><title>Under construction</title><p>Coming soon.</p></html>";

constexpr std::string_view vantages =
    "[[vantage]]\nname = \"default\"\nbaseline = true\n\n"
    "[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\n";

// A site that shows its shop to Japanese addresses only, behind an echo route that reports
// `direct_public` for this machine's own (loopback) connections and the real peer for a
// proxy's.
struct geo_site {
  test_origin origin;
  test_socks5_proxy japan{{.outgoing_address = "127.0.0.11"}};

  explicit geo_site(std::string direct_public) {
    origin.route("/ip", [direct_public](const received_request& request) {
      const auto seen =
          request.peer_address == unknown_address ? direct_public : request.peer_address;
      return http_response(200, {{"Content-Type", "application/json"}},
                           R"({"ip":")" + seen + "\"}");
    });
    origin.route("/", [](const received_request& request) {
      const auto page = jp_in_test_country(request.peer_address) ? shop_page : construction_page;
      return http_response(200, {{"Content-Type", "text/html"}}, std::string(page));
    });
  }

  std::string config() const {
    return config_toml({.echo_url = origin.url("/ip"),
                        .proxies = proxy_entry("jp-1", japan.url("socks5h")),
                        .vantages = std::string(vantages)});
  }
};

json::object fetch_json(const geo_site& site) {
  const temp_file config(site.config(), ".toml");
  const auto result =
      run_geocrawl({"fetch", site.origin.url("/"), "--config", config.path(), "--json"});
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out).as_object();
}

const json::object& comparison_of(const json::object& report) {
  const auto& comparisons = report.at("comparisons").as_array();
  REQUIRE(comparisons.size() == 1);
  return comparisons[0].as_object();
}

}  // namespace

TEST_CASE("a proxy exiting in the baseline's country is inconclusive, and says so") {
  const geo_site site("127.0.0.12");  // the analyst is in Japan
  const auto report = fetch_json(site);
  const auto& views = report.at("views").as_array();
  const auto& baseline = entry_named(views, "vantage", "default");
  CHECK(baseline.at("exit_ip").as_string() == "127.0.0.12");
  CHECK(baseline.at("exit_country").as_string() == "JP");
  CHECK(baseline.at("exit_unverified").is_null());
  const auto& direct = entry_named(report.at("proxy_checks").as_array(), "name", "direct");
  CHECK(direct.at("status").as_string() == "ok");
  CHECK(direct.at("declared_country").is_null());

  CHECK(report.at("verdict").as_string() == "inconclusive");
  const auto& pair = comparison_of(report);
  CHECK(pair.at("verdict").as_string() == "inconclusive");
  CHECK(pair.at("score").is_null());
  CHECK(pair.at("reasons").as_array()[0].as_string() ==
        "jp exits in JP, as default does: the comparison cannot test geography, so it is "
        "inconclusive");
}

TEST_CASE("a proxy exiting in another country than the baseline's gets the normal verdict") {
  const geo_site site("127.0.0.20");  // the analyst is in the US
  const auto report = fetch_json(site);
  const auto& baseline = entry_named(report.at("views").as_array(), "vantage", "default");
  CHECK(baseline.at("exit_country").as_string() == "US");
  CHECK(report.at("verdict").as_string() == "cloaked");
  const auto& pair = comparison_of(report);
  CHECK(pair.at("verdict").as_string() == "cloaked");
  CHECK(pair.at("reasons").as_array()[0].as_string().starts_with("jp sees a page offering"));
}

TEST_CASE("a baseline exit GeoIP cannot place is recorded as not verified, and why") {
  const geo_site site{std::string(unknown_address)};
  const auto report = fetch_json(site);
  const auto& baseline = entry_named(report.at("views").as_array(), "vantage", "default");
  CHECK(baseline.at("exit_ip").as_string() == unknown_address);
  CHECK(baseline.at("exit_country").is_null());
  CHECK(std::string(baseline.at("exit_unverified").as_string())
            .starts_with("the direct check is mismatch"));
  const auto& pair = comparison_of(report);
  CHECK(pair.at("verdict").as_string() == "cloaked");
  const auto& reasons = pair.at("reasons").as_array();
  CHECK(std::string(reasons.back().as_string())
            .starts_with("default's exit country is unknown (the direct check is mismatch"));
}

TEST_CASE("fetch --db stores the direct exit on the view and its check among the proxies'") {
  const geo_site site("127.0.0.12");
  const temp_file config(site.config(), ".toml");
  const temp_file database("", ".db");
  const auto result = run_geocrawl(
      {"fetch", site.origin.url("/"), "--config", config.path(), "--db", database.path()});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("exit 127.0.0.12 in JP") != std::string::npos);
  sqlite_db db(database.path());
  auto view = db.prepare(
      "SELECT exit_ip, exit_country, coalesce(exit_unverified, '') FROM views "
      "WHERE vantage = 'default'");
  REQUIRE(view.step());
  CHECK(view.column_text(0) == "127.0.0.12");
  CHECK(view.column_text(1) == "JP");
  CHECK(view.column_text(2).empty());
  auto check = db.prepare(
      "SELECT status, exit_country, declared_country FROM proxy_checks WHERE proxy = 'direct'");
  REQUIRE(check.step());
  CHECK(check.column_text(0) == "ok");
  CHECK(check.column_text(1) == "JP");
  CHECK(check.column_text(2).empty());
}

TEST_CASE("without an echo URL the direct view says its exit is not verified") {
  const geo_site site("127.0.0.12");
  const temp_file config(
      config_toml({.echo_url = "", .proxies = "", .vantages = "[[vantage]]\nname = \"default\"\n"}),
      ".toml");
  const auto result =
      run_geocrawl({"fetch", site.origin.url("/"), "--config", config.path(), "--json"});
  REQUIRE(result.exit_code == 0);
  const auto report = json::parse(result.out).as_object();
  CHECK_FALSE(report.contains("proxy_checks"));
  const auto& baseline = report.at("views").as_array()[0].as_object();
  CHECK(baseline.at("exit_ip").is_null());
  CHECK(baseline.at("exit_unverified").as_string() == "no [verify] echo_url is configured");
  CHECK(site.origin.hits("/ip") == 0);
}

}  // namespace geocrawl::testing
