// Exits stay verified while a crawl runs: every proxy is checked again every [verify] every_s,
// a proxy whose exit moves to another country leaves its country's pool at the first re-check
// after the move, and no view started after that is attributed to the old country. Each view
// records the check it relied on. The rotating exit is a SOCKS5 double whose connections leave
// from 127.0.0.11 (JP in the test GeoIP database) and, after a number of them, from 127.0.0.20
// (US).
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <thread>

#include <boost/json/parse.hpp>

#include "crawler/store/sqlite.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/report_json.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr int exit_degraded = 3;

// One text from the database; "" for NULL or no row.
std::string text_of(const std::string& database, const std::string& sql) {
  sqlite_db db(database);
  auto query = db.prepare(sql);
  if (!query.step() || query.column_is_null(0)) return "";
  return query.column_text(0);
}

void write_config(const crawl_lab& lab, const std::string& proxies, std::string_view every_s) {
  std::ofstream(lab.config_path())
      << config_toml({.echo_url = lab.origin.url("/ip"),
                      .proxies = proxies,
                      .vantages = std::string(two_vantages),
                      .more_verify = "every_s = " + std::string(every_s) + "\n"})
      << "\n[crawl]\n"
      << slow_lab::pace;
}

}  // namespace

TEST_CASE("a proxy whose exit moves to another country leaves the pool at its next re-check") {
  slow_lab lab(60, 40ms);
  // JP for its first 20 connections (the start's check, re-checks and views alike), then US.
  test_socks5_proxy rotating{{.outgoing_address = "127.0.0.11",
                              .moved_outgoing_address = "127.0.0.20",
                              .move_after_connections = 20}};
  write_config(lab, proxy_entry("jp-1", rotating.url("socks5h")), "0.15");
  const auto result = run_geocrawl(lab.crawl_arguments());
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  // The JP vantage lost its only proxy: the run says so.
  CHECK(result.exit_code == exit_degraded);
  CHECK(result.out.find("exit moved: proxy jp-1 left the JP pool at ") != std::string::npos);
  CHECK(result.out.find("a re-check placed it in US") != std::string::npos);

  const auto& db = lab.database;
  const auto moved_at =
      text_of(db,
              "SELECT checked_at FROM proxy_checks WHERE proxy = 'jp-1' AND status = 'mismatch' "
              "ORDER BY id LIMIT 1");
  REQUIRE_FALSE(moved_at.empty());
  CHECK(text_of(db, "SELECT exit_country FROM proxy_checks WHERE checked_at = '" + moved_at +
                        "' AND proxy = 'jp-1'") == "US");
  // Checked again and again while the exit stayed home, each re-check a row of its own, each
  // made within a period (and the check's own time) of the one before: the move was noticed
  // by the first re-check after it.
  CHECK(count_of(db,
                 "SELECT count(*) FROM proxy_checks WHERE proxy = 'jp-1' AND status = 'ok' "
                 "AND exit_country = 'JP'") >= 2);
  CHECK(count_of(db, "SELECT count(*) FROM proxy_checks WHERE proxy = 'jp-1' AND checked_at > '" +
                         moved_at + "'") == 0);
  CHECK(count_of(db,
                 "SELECT count(*) FROM proxy_checks a JOIN proxy_checks b ON b.id = ("
                 "SELECT min(id) FROM proxy_checks WHERE proxy = 'jp-1' AND id > a.id) "
                 "WHERE a.proxy = 'jp-1' "
                 "AND (julianday(b.checked_at) - julianday(a.checked_at)) * 86400 > 2.5") == 0);

  // A check is stamped when it starts and acts when it ends: a view that started in between
  // was in flight through the moved exit and is marked (at most one per connection slot).
  // No view is attributed to JP unmarked after the re-check that found the move; those after
  // it fail for want of a proxy.
  CHECK(count_of(db,
                 "SELECT count(*) FROM views WHERE vantage = 'jp' AND exit_country = 'JP' "
                 "AND exit_changed = 0 AND fetched_at > '" +
                     moved_at + "'") == 0);
  CHECK(count_of(db,
                 "SELECT count(*) FROM views WHERE vantage = 'jp' AND exit_country = 'JP' "
                 "AND fetched_at > '" +
                     moved_at + "'") <= 8);
  CHECK(count_of(db, "SELECT count(*) FROM views WHERE vantage = 'jp' AND fetched_at > '" +
                         moved_at + "' AND error_code = 'no_proxy_for_country'") > 0);
  // Every JP view names the check it relied on: a JP check that was ok, no older than the view.
  CHECK(count_of(db,
                 "SELECT count(*) FROM views WHERE vantage = 'jp' AND exit_country = 'JP' "
                 "AND (exit_check_id IS NULL OR exit_check_age_s < 0)") == 0);
  CHECK(count_of(db,
                 "SELECT count(*) FROM views v JOIN proxy_checks c ON c.id = v.exit_check_id "
                 "WHERE v.vantage = 'jp' AND (c.status != 'ok' OR c.exit_country != 'JP' "
                 "OR c.checked_at != v.exit_checked_at)") == 0);
  CHECK(count_of(db, "SELECT count(DISTINCT exit_check_id) FROM views WHERE vantage = 'jp'") >= 2);
  // A view in flight when the move was noticed is marked, and its comparison cannot stand.
  CHECK(count_of(db,
                 "SELECT count(*) FROM views v JOIN proxy_checks c ON c.id = v.exit_check_id "
                 "WHERE v.exit_changed = 1 AND c.checked_at >= '" +
                     moved_at + "'") == 0);
  CHECK(count_of(db,
                 "SELECT count(*) FROM comparisons c JOIN views v ON v.id = c.vantage_view_id "
                 "WHERE v.exit_changed = 1 AND c.verdict != 'inconclusive'") == 0);
}

TEST_CASE("with every_s = 0 a crawl checks its proxies once, when it starts") {
  slow_lab lab(10, 10ms);
  write_config(lab, proxy_entry("jp-1", lab.japan.url("socks5h")), "0");
  const auto result = run_geocrawl(lab.crawl_arguments());
  INFO("stderr: " << result.err);
  CHECK(result.exit_code == 0);
  CHECK(count_of(lab.database, "SELECT count(*) FROM proxy_checks WHERE proxy = 'jp-1'") == 1);
}

TEST_CASE("a fetch right after `proxies check` relies on its check until every_s has passed") {
  crawl_lab lab("");
  lab.origin.route("/", [](const received_request&) { return html("<title>shop</title>"); });
  const auto config = [&](std::string_view every_s) {
    write_config(lab, proxy_entry("jp-1", lab.japan.url("socks5h")), every_s);
    return lab.config_path();
  };
  const auto& db = lab.database;
  REQUIRE(run_geocrawl({"proxies", "check", "--config", config("60"), "--db", db}).exit_code == 0);
  const auto checked_at = text_of(db, "SELECT checked_at FROM proxy_checks WHERE run_id = 1");
  REQUIRE_FALSE(checked_at.empty());

  const auto before = lab.japan.connections();
  const auto reused =
      run_geocrawl({"fetch", lab.origin.url("/"), "--config", config("60"), "--db", db, "--json"});
  INFO("stderr: " << reused.err);
  REQUIRE(reused.exit_code == 0);
  // Only the view went through the proxy: no check was made.
  CHECK(lab.japan.connections() - before == 1);
  const auto report = json::parse(reused.out).as_object();
  const auto& check = entry_named(report.at("proxy_checks").as_array(), "name", "jp-1");
  CHECK(check.at("reused").as_bool());
  CHECK(check.at("checked_at").as_string() == checked_at);
  const auto& view = entry_named(report.at("views").as_array(), "vantage", "jp");
  CHECK(view.at("exit_checked_at").as_string() == checked_at);
  CHECK(view.at("exit_check_age_s").as_double() >= 0);
  // The fetch's run records the check it relied on, marked reused, and its view points at it.
  CHECK(count_of(db,
                 "SELECT count(*) FROM proxy_checks WHERE run_id = 2 AND reused = 1 "
                 "AND checked_at = '" +
                     checked_at + "'") == 1);
  CHECK(count_of(db,
                 "SELECT count(*) FROM views v JOIN proxy_checks c ON c.id = v.exit_check_id "
                 "WHERE v.vantage = 'jp' AND c.run_id = 2 AND c.reused = 1") == 1);
  // The text output says so too.
  const auto text =
      run_geocrawl({"fetch", lab.origin.url("/"), "--config", config("60"), "--db", db});
  CHECK(text.out.find("(reused: checked at " + checked_at) != std::string::npos);

  // Older than every_s: checked again.
  std::this_thread::sleep_for(600ms);
  const auto again = lab.japan.connections();
  const auto expired =
      run_geocrawl({"fetch", lab.origin.url("/"), "--config", config("0.5"), "--db", db, "--json"});
  REQUIRE(expired.exit_code == 0);
  CHECK(lab.japan.connections() - again == 2);
  const auto fresh = json::parse(expired.out).as_object();
  const auto& made = entry_named(fresh.at("proxy_checks").as_array(), "name", "jp-1");
  CHECK_FALSE(made.at("reused").as_bool());
  CHECK(made.at("checked_at").as_string() != checked_at);
}

}  // namespace geocrawl::testing
