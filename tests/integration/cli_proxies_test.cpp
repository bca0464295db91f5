// Country vantages as a user runs them: `geocrawl proxies check` and `geocrawl fetch`
// with [[proxy]] entries, a [verify] echo URL and a test GeoIP database. The proxies are
// scripted doubles whose exits are chosen 127.0.0.x addresses that the database places
// in countries; the origin serves Japan (its JP exits) a shop and everyone else a
// construction page.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

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

constexpr std::string_view password = "pw-7f3a9c-do-not-leak";
const proxy_credentials alice{"alice", std::string(password)};

constexpr std::string_view shop_page =
    "<html><title>Viagra Shop</title><p>Viagra without prescription.</p></html>";
constexpr std::string_view construction_page =
    "<html><title>Under construction</title><p>Coming soon.</p></html>";

struct cloaking_site {
  test_origin origin;
  cloaking_site() {
    origin.route("/ip", echo_caller_ip());
    origin.route("/", [](const received_request& request) {
      const auto page = jp_in_test_country(request.peer_address) ? shop_page : construction_page;
      return http_response(200, {{"Content-Type", "text/html"}}, std::string(page));
    });
  }
};

std::string closed_port_url() {
  test_socks5_proxy gone;
  return gone.url("socks5h");
}

// The config under test: `proxies` is TOML for the [[proxy]] entries.
std::string config_text(const cloaking_site& site, const std::string& proxies,
                        std::string_view extra = "") {
  return config_toml(
      {.echo_url = site.origin.url("/ip"),
       .proxies = proxies,
       .vantages =
           "[[vantage]]\nname = \"default\"\nbaseline = true\n\n[[vantage]]\nname = \"jp\"\n"
           "country = \"JP\"\naccept_language = \"ja-JP\"\n",
       .more_geoip = std::string(extra)});
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("proxies check verifies each exit (ok, mismatch, dead) and never shows a password") {
  cloaking_site site;
  test_socks5_proxy japan({.outgoing_address = "127.0.0.11", .credentials = alice});
  test_socks5_proxy america({.outgoing_address = "127.0.0.20"});
  const temp_file config(config_text(site, proxy_entry("jp-ok", japan.url("socks5h", alice)) +
                                               proxy_entry("jp-wrong", america.url("socks5h")) +
                                               proxy_entry("jp-dead", closed_port_url())),
                         ".toml");
  const temp_file database("", ".sqlite");
  const auto result = run_geocrawl(
      {"proxies", "check", "--config", config.path(), "--json", "--db", database.path()});
  CHECK(result.exit_code == 1);  // not every proxy is ok
  const auto report = boost::json::parse(result.out).as_object();
  const auto& proxies = report.at("proxies").as_array();
  REQUIRE(proxies.size() == 3);
  const auto& ok = entry_named(proxies, "name", "jp-ok");
  CHECK(ok.at("status").as_string() == "ok");
  CHECK(ok.at("exit_ip").as_string() == "127.0.0.11");
  CHECK(ok.at("exit_country").as_string() == "JP");
  CHECK(ok.at("declared_country").as_string() == "JP");
  CHECK(ok.at("url").as_string().starts_with("socks5h://***@127.0.0.1:"));
  CHECK(ok.at("latency_ms").is_int64());
  const auto& wrong = entry_named(proxies, "name", "jp-wrong");
  CHECK(wrong.at("status").as_string() == "mismatch");
  CHECK(wrong.at("exit_country").as_string() == "US");
  CHECK(entry_named(proxies, "name", "jp-dead").at("status").as_string() == "dead");

  CHECK(result.out.find(password) == std::string::npos);
  CHECK(result.err.find(password) == std::string::npos);
  CHECK(file_bytes(database.path()).find(password) == std::string::npos);
  sqlite_db db(database.path());
  auto rows = db.prepare("SELECT status, exit_country FROM proxy_checks WHERE proxy = 'jp-wrong'");
  REQUIRE(rows.step());
  CHECK(rows.column_text(0) == "mismatch");
  CHECK(rows.column_text(1) == "US");

  const auto table = run_geocrawl({"proxies", "check", "--config", config.path()});
  CHECK(table.out.find("jp-wrong") != std::string::npos);
  CHECK(table.out.find("exits in US, declared JP") != std::string::npos);
  CHECK(table.out.find(password) == std::string::npos);
}

TEST_CASE("with a second database an exit is ok only where both agree") {
  cloaking_site site;
  test_socks5_proxy disputed({.outgoing_address = std::string(disputed_address)});
  test_socks5_proxy agreed({.outgoing_address = "127.0.0.10"});
  const temp_file config(
      config_text(site,
                  proxy_entry("jp-disputed", disputed.url("socks5h")) +
                      proxy_entry("jp-agreed", agreed.url("socks5h")),
                  "second_database = \"" + std::string(test_geoip2_country_db) + "\"\n"),
      ".toml");
  const auto result = run_geocrawl({"proxies", "check", "--config", config.path(), "--json"});
  const auto report = boost::json::parse(result.out);
  const auto& proxies = report.as_object().at("proxies").as_array();
  const auto& bad = entry_named(proxies, "name", "jp-disputed");
  CHECK(bad.at("status").as_string() == "mismatch");
  CHECK(bad.at("second_country").as_string() == "KR");
  CHECK(std::string(bad.at("reason").as_string()).find("disagree") != std::string::npos);
  CHECK(entry_named(proxies, "name", "jp-agreed").at("status").as_string() == "ok");
}

TEST_CASE("fetch: the jp vantage sees the shop through a verified JP exit, and records it") {
  cloaking_site site;
  test_socks5_proxy japan({.outgoing_address = "127.0.0.11", .credentials = alice});
  test_socks5_proxy america({.outgoing_address = "127.0.0.20"});
  ::setenv("GEOCRAWL_TEST_PROXY_PASSWORD", std::string(password).c_str(), 1);
  const auto japan_url =
      "socks5h://alice:${GEOCRAWL_TEST_PROXY_PASSWORD}@127.0.0.1:" + std::to_string(japan.port());
  const temp_file config(config_text(site, proxy_entry("jp-wrong", america.url("socks5h")) +
                                               proxy_entry("jp-ok", japan_url)),
                         ".toml");
  const temp_file database("", ".sqlite");
  const auto result = run_geocrawl({"fetch", site.origin.url("/"), "--config", config.path(),
                                    "--json", "--db", database.path()});
  CHECK(result.exit_code == 0);
  const auto report = boost::json::parse(result.out);
  const auto& views = report.as_object().at("views").as_array();
  const auto& jp = entry_named(views, "vantage", "jp");
  CHECK(jp.at("proxy").as_string() == "jp-ok");
  CHECK(jp.at("exit_ip").as_string() == "127.0.0.11");
  CHECK(jp.at("exit_country").as_string() == "JP");
  CHECK(std::string(jp.at("exit_geoip").as_string()).starts_with("test-country.mmdb"));
  CHECK(jp.at("title").as_string() == "Viagra Shop");
  const auto& checked = report.as_object().at("proxy_checks").as_array();
  CHECK(entry_named(checked, "name", "jp-wrong").at("status").as_string() == "mismatch");
  CHECK(entry_named(checked, "name", "jp-ok").at("status").as_string() == "ok");
  const auto& direct = entry_named(views, "vantage", "default");
  CHECK(direct.at("proxy").is_null());
  CHECK(direct.at("title").as_string() == "Under construction");

  // The mismatched proxy was asked for the echo only, never for the page.
  const auto wrong_requests = america.requests();
  REQUIRE(wrong_requests.size() == 1);
  for (const auto& request : site.origin.requests()) {
    if (request.target == "/") CHECK(request.peer_address != "127.0.0.20");
  }

  CHECK(result.out.find(password) == std::string::npos);
  CHECK(result.err.find(password) == std::string::npos);
  CHECK(file_bytes(database.path()).find(password) == std::string::npos);
  sqlite_db db(database.path());
  auto row =
      db.prepare("SELECT proxy, exit_ip, exit_country, exit_geoip FROM views WHERE vantage = 'jp'");
  REQUIRE(row.step());
  CHECK(row.column_text(0) == "jp-ok");
  CHECK(row.column_text(1) == "127.0.0.11");
  CHECK(row.column_text(2) == "JP");
  // Both proxies, and the direct exit the baseline left from.
  auto checks =
      db.prepare("SELECT count(*), count(*) FILTER (WHERE proxy = 'direct') FROM proxy_checks");
  REQUIRE(checks.step());
  CHECK(checks.column_int(0) == 3);
  CHECK(checks.column_int(1) == 1);
  auto compared = db.prepare(R"sql(
SELECT c.verdict, c.reasons, s.verdict, v.vantage, b.vantage FROM comparisons c
JOIN sites s ON s.id = c.site_id JOIN views v ON v.id = c.vantage_view_id JOIN views b ON b.id = c.baseline_view_id)sql");
  REQUIRE(compared.step());
  CHECK(compared.column_text(0) == "cloaked");
  CHECK(compared.column_text(1).find("jp sees a page offering sildenafil without prescription") !=
        std::string::npos);
  CHECK(compared.column_text(2) == "cloaked");
  CHECK(compared.column_text(3) == "jp");
  CHECK(compared.column_text(4) == "default");
  CHECK_FALSE(compared.step());
}

TEST_CASE("fetch: with no verified JP proxy the jp view fails and says why, and the others go on") {
  cloaking_site site;
  test_socks5_proxy america({.outgoing_address = "127.0.0.20"});
  const temp_file config(config_text(site, proxy_entry("jp-wrong", america.url("socks5h"))),
                         ".toml");
  const auto result =
      run_geocrawl({"fetch", site.origin.url("/"), "--config", config.path(), "--json"});
  CHECK(result.exit_code == 0);
  const auto report = boost::json::parse(result.out);
  const auto& views = report.as_object().at("views").as_array();
  const auto& jp = entry_named(views, "vantage", "jp");
  CHECK(jp.at("error").as_object().at("code").as_string() == "no_proxy_for_country");
  CHECK(std::string(jp.at("error").as_object().at("message").as_string())
            .find("jp-wrong is mismatch") != std::string::npos);
  CHECK(entry_named(views, "vantage", "default").at("status").as_int64() == 200);
  for (const auto& request : site.origin.requests()) {
    if (request.target == "/") CHECK(request.peer_address == "127.0.0.1");  // only the default view
  }
}

TEST_CASE("without an echo URL proxies are unverified and a strict config does not use them") {
  cloaking_site site;
  test_socks5_proxy japan({.outgoing_address = "127.0.0.11"});
  std::string text = config_text(site, proxy_entry("jp-1", japan.url("socks5h")));
  text.replace(text.find("echo_url"),
               text.find('\n', text.find("echo_url")) - text.find("echo_url"), "mode = \"strict\"");
  const temp_file config(text, ".toml");
  const auto check = run_geocrawl({"proxies", "check", "--config", config.path(), "--json"});
  const auto report = boost::json::parse(check.out);
  const auto& proxies = report.as_object().at("proxies").as_array();
  CHECK(entry_named(proxies, "name", "jp-1").at("status").as_string() == "unverified");
  const auto fetched = run_geocrawl(
      {"fetch", site.origin.url("/"), "--config", config.path(), "--json", "--vantage", "jp"});
  CHECK(fetched.exit_code == 1);
  const auto fetched_report = boost::json::parse(fetched.out);
  const auto& jp = fetched_report.as_object().at("views").as_array()[0].as_object();
  CHECK(jp.at("error").as_object().at("code").as_string() == "no_proxy_for_country");
}

TEST_CASE("verify mode off uses the declared country unchecked, and says nothing of the exit") {
  cloaking_site site;
  test_socks5_proxy japan({.outgoing_address = "127.0.0.11"});
  std::string text = config_text(site, proxy_entry("jp-1", japan.url("socks5h")));
  text.replace(text.find("[verify]\n"), 9, "[verify]\nmode = \"off\"\n");
  const temp_file config(text, ".toml");
  const auto result = run_geocrawl(
      {"fetch", site.origin.url("/"), "--config", config.path(), "--json", "--vantage", "jp"});
  CHECK(result.exit_code == 0);
  const auto report = boost::json::parse(result.out);
  const auto& jp = report.as_object().at("views").as_array()[0].as_object();
  CHECK(jp.at("proxy").as_string() == "jp-1");
  CHECK(jp.at("exit_ip").is_null());
  CHECK(jp.at("title").as_string() == "Viagra Shop");
  CHECK(japan.requests().size() == 1);  // no echo request: only the page
}

TEST_CASE("config mistakes in proxies exit 2 naming file, line and key, without the password") {
  const temp_file config("[[proxy]]\nname = \"jp-1\"\ncountry = \"JP\"\nurl = \"socks5h://alice:" +
                             std::string(password) + "@127.0.0.1:0\"\n",
                         ".toml");
  const auto result = run_geocrawl({"proxies", "check", "--config", config.path()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find(config.path() + ":4: proxy[0].url: ") != std::string::npos);
  CHECK(result.err.find(password) == std::string::npos);
}

}  // namespace geocrawl::testing
