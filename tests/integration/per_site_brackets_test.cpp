// [verify] mode = "per_site": each view through a proxy is bracketed by echo checks through
// the same proxy, and a view whose exit changed country between them is flagged and its
// comparison inconclusive. The exit moves after a chosen number of the proxy's connections:
// from 127.0.0.11 (JP in the test GeoIP database) to 127.0.0.20 (US).
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include <boost/json/parse.hpp>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/report_json.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

namespace json = boost::json;

std::string per_site_config(const crawl_lab& lab, const test_socks5_proxy& proxy) {
  std::ofstream(lab.config_path()) << config_toml({.echo_url = lab.origin.url("/ip"),
                                                   .proxies = proxy_entry("jp-1", proxy.url()),
                                                   .vantages = std::string(two_vantages),
                                                   .more_verify = "mode = \"per_site\"\n"})
                                   << "\n[crawl]\n"
                                   << slow_lab::pace;
  return lab.config_path();
}

json::object fetch_json(const crawl_lab& lab, const test_socks5_proxy& proxy) {
  const auto result = run_geocrawl(
      {"fetch", lab.origin.url("/"), "--config", per_site_config(lab, proxy), "--json"});
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out).as_object();
}

std::vector<const json::object*> checks_of(const json::object& report, std::string_view name) {
  std::vector<const json::object*> found;
  for (const auto& check : report.at("proxy_checks").as_array())
    if (check.as_object().at("name").as_string() == name) found.push_back(&check.as_object());
  return found;
}

}  // namespace

TEST_CASE("per_site: a view served across an exit's move to another country is flagged") {
  crawl_lab lab("");
  lab.origin.route("/", [](const received_request&) { return html("<title>shop</title>"); });
  // The start's check and the check before the view see JP; the view and the check after, US.
  test_socks5_proxy rotating{{.outgoing_address = "127.0.0.11",
                              .moved_outgoing_address = "127.0.0.20",
                              .move_after_connections = 2}};
  const auto report = fetch_json(lab, rotating);
  const auto checks = checks_of(report, "jp-1");
  REQUIRE(checks.size() == 3);
  CHECK(checks[1]->at("exit_country").as_string() == "JP");
  CHECK(checks[2]->at("exit_country").as_string() == "US");
  const auto& view = entry_named(report.at("views").as_array(), "vantage", "jp");
  CHECK(view.at("exit_changed").as_bool());
  // It relied on the check just before it.
  CHECK(view.at("exit_checked_at") == checks[1]->at("checked_at"));
  CHECK(view.at("exit_country").as_string() == "JP");
  const auto& pair = report.at("comparisons").as_array()[0].as_object();
  CHECK(pair.at("verdict").as_string() == "inconclusive");
  CHECK(pair.at("score").is_null());
  CHECK(std::string(pair.at("reasons").as_array()[0].as_string())
            .starts_with("jp's exit moved to another country while it was served"));
  CHECK(rotating.connections() == 4);
}

TEST_CASE("per_site: an exit that stays put brackets the view and changes nothing") {
  crawl_lab lab("");
  lab.origin.route("/", [](const received_request&) { return html("<title>shop</title>"); });
  const auto report = fetch_json(lab, lab.japan);
  const auto checks = checks_of(report, "jp-1");
  REQUIRE(checks.size() == 3);
  const auto& view = entry_named(report.at("views").as_array(), "vantage", "jp");
  CHECK_FALSE(view.at("exit_changed").as_bool());
  CHECK(view.at("exit_checked_at") == checks[1]->at("checked_at"));
  CHECK(report.at("comparisons").as_array()[0].as_object().at("verdict").as_string() ==
        "consistent");
}

TEST_CASE("per_site: a crawl stores both brackets of every proxied view") {
  slow_lab lab(4, std::chrono::milliseconds(5));
  per_site_config(lab, lab.japan);
  const auto result = run_geocrawl(lab.crawl_arguments());
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(count_of(lab.database, "SELECT count(*) FROM proxy_checks WHERE proxy = 'jp-1'") ==
        1 + 2 * 4);
  // Each JP view names the check made just before it.
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views v JOIN proxy_checks c ON c.id = v.exit_check_id "
                 "WHERE v.vantage = 'jp' AND c.proxy = 'jp-1'") == 4);
}

TEST_CASE("per_site needs an echo URL") {
  crawl_lab lab("");
  std::ofstream(lab.config_path()) << "[verify]\nmode = \"per_site\"\n";
  const auto result = run_geocrawl({"fetch", lab.origin.url("/"), "--config", lab.config_path()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("\"per_site\" needs [verify] echo_url") != std::string::npos);
}

}  // namespace geocrawl::testing
