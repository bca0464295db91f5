// Faults a nightly `geocrawl crawl` meets and must live through: a proxy that breaks in the
// middle of the crawl, an export reading while the crawl writes, SIGKILL at random moments, a
// disk that fills up. Each crawl must finish (or stop with a clear error and resume), and in the
// end every site must be stored exactly once.
#include <doctest/doctest.h>

#include <csignal>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "crawler/config/config.hpp"
#include "crawler/config/config_fingerprint.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/database_checks.hpp"
#include "tests/support/file_size_limit.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/python_csv.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_connect_proxy.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

constexpr std::string_view brisk = "concurrency = 8\nper_host = 8\nretries = 0\n";

// Crawls `sites` sites that answer at once with the same page for everyone, through these
// [[proxy]] entries.
command_result crawl_through(crawl_lab& lab, const std::string& proxies, int sites) {
  lab.write_config(proxies, brisk);
  lab.origin.route_below("/page/", [](const received_request&) { return html(english_news()); });
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i)
    lines.push_back(lab.origin.url("/page/" + std::to_string(i) + "/"));
  lab.write_sites(lines);
  return run_geocrawl(lab.crawl_arguments());
}

// A JP proxy whose exit, 127.0.0.12, passes geocrawl's check on its first connection and then
// misbehaves in one way.
struct bad_proxy {
  std::optional<test_socks5_proxy> socks;
  std::optional<test_connect_proxy> http;

  std::string url() const { return socks ? socks->url("socks5h") : http->url(); }
};

constexpr std::string_view bad_exit = "127.0.0.12";

void dies_mid_transfer(bad_proxy& proxy) {
  proxy.socks.emplace(socks5_proxy_options{.outgoing_address = std::string(bad_exit),
                                           .behaviour = socks5_behaviour::die_mid_transfer,
                                           .die_after_bytes = 200,
                                           .honest_connections = 1});
}

void never_replies(bad_proxy& proxy) {
  proxy.socks.emplace(socks5_proxy_options{.outgoing_address = std::string(bad_exit),
                                           .behaviour = socks5_behaviour::never_reply,
                                           .honest_connections = 1});
}

void answers(bad_proxy& proxy, int status) {
  proxy.http.emplace(connect_proxy_options{
      .outgoing_address = std::string(bad_exit), .status = status, .honest_connections = 1});
}

// The number in the summary's line "proxy NAME (JP): V views, F proxy failures"; -1 if absent.
int proxy_failures(const std::string& summary, const std::string& name) {
  std::smatch found;
  const std::regex line("proxy " + name + R"( \(JP\): \d+ views, (\d+) proxy failures)");
  return std::regex_search(summary, found, line) ? std::stoi(found[1]) : -1;
}

enum class jp_outcome {
  failover,  // every JP view is served by the good proxy in the end
  recorded,  // the JP views the bad proxy took keep what went wrong
};

struct proxy_fault {
  std::string_view name;
  std::function<void(bad_proxy&)> make;
  jp_outcome outcome;
  // The error code a JP view the bad proxy took records when recorded.
  std::string_view error_code;
};

}  // namespace

TEST_CASE(
    "a JP proxy that breaks mid-crawl: the crawl fails over or records the error, and finishes") {
  const std::vector<proxy_fault> faults = {
      // A tunnel cut in the middle of the answer cannot be told from the site cutting it: recorded.
      {"dies mid-transfer", dies_mid_transfer, jp_outcome::recorded, "http"},
      {"answers 407", [](bad_proxy& p) { answers(p, 407); }, jp_outcome::failover, ""},
      // The plain-http sites go through a CONNECT tunnel, so the proxy's 503 is its refusal of
      // the tunnel, never the site's answer: recorded as proxy_refused.
      {"answers 503", [](bad_proxy& p) { answers(p, 503); }, jp_outcome::recorded, "proxy_refused"},
      {"accepts and never replies", never_replies, jp_outcome::failover, ""},
  };
  for (const auto& fault : faults) {
    CAPTURE(fault.name);
    const auto started = clock_type::now();
    crawl_lab lab(brisk);
    bad_proxy bad;
    fault.make(bad);
    constexpr int sites = 40;
    const auto result = crawl_through(
        lab, proxy_entry("jp-good", lab.japan.url("socks5h")) + proxy_entry("jp-bad", bad.url()),
        sites);
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.find("jp-bad") != std::string::npos);  // checked and found ok
    check_exactly_once(lab.database, sites);
    CHECK(count_of(lab.database,
                   "SELECT count(*) FROM views WHERE vantage = 'default' AND status = 200 "
                   "AND error_code IS NULL") == sites);
    const auto good =
        count_of(lab.database,
                 "SELECT count(*) FROM views WHERE vantage = 'jp' AND proxy = 'jp-good' "
                 "AND exit_ip = '127.0.0.11' AND status = 200 AND error_code IS NULL");
    if (fault.outcome == jp_outcome::failover) {
      CHECK(good == sites);
      CHECK(proxy_failures(result.out, "jp-bad") >= 1);
    } else {
      const std::string recorded =
          "SELECT count(*) FROM views WHERE vantage = 'jp' AND proxy = 'jp-bad' AND "
          "error_code = '" +
          std::string(fault.error_code) + "'";
      const auto bad_views = count_of(lab.database, recorded);
      CHECK(bad_views >= 1);
      CHECK(good + bad_views == sites);
      CHECK(result.out.find("errors: " + std::string(fault.error_code) + " ") != std::string::npos);
    }
    CHECK(proxy_failures(result.out, "jp-good") == 0);
    MESSAGE(fault.name << ": "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() -
                                                                                started)
                              .count()
                       << " ms");
  }
}

TEST_CASE(
    "the only JP proxy breaks mid-crawl: its views record why, and the crawl finishes degraded") {
  const std::vector<proxy_fault> faults = {
      {"answers 407", [](bad_proxy& p) { answers(p, 407); }, jp_outcome::recorded, "proxy_auth"},
      {"accepts and never replies", never_replies, jp_outcome::recorded, "timeout"},
  };
  for (const auto& fault : faults) {
    CAPTURE(fault.name);
    crawl_lab lab(brisk);
    bad_proxy bad;
    fault.make(bad);
    constexpr int sites = 30;
    const auto result = crawl_through(lab, proxy_entry("jp-bad", bad.url()), sites);
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    // Completed, but JP lost its only proxy: exit status 3, so the night is not taken for a quiet
    // one, and the summary names the vantage.
    REQUIRE(result.exit_code == 3);
    CHECK(result.out.find("run 1 done") != std::string::npos);
    CHECK(result.out.find("degraded: vantage jp had no usable proxy for " + std::to_string(sites) +
                          " of its views") != std::string::npos);
    check_exactly_once(lab.database, sites);
    // A view whose proxy failed has no other to try: no_proxy_for_country, saying what the proxy
    // did; once the proxy rests, the rest say only that none is left.
    CHECK(count_of(lab.database,
                   "SELECT count(*) FROM views WHERE vantage = 'jp' "
                   "AND error_code = 'no_proxy_for_country' AND status = 0") == sites);
    CHECK(count_of(lab.database,
                   "SELECT count(*) FROM views WHERE vantage = 'jp' AND error_message LIKE "
                   "'%jp-bad failed (" +
                       std::string(fault.error_code) + ":%'") >= 1);
    CHECK(count_of(lab.database,
                   "SELECT count(*) FROM views WHERE vantage = 'default' AND status = 200") ==
          sites);
    CHECK(result.out.find("errors: no_proxy_for_country " + std::to_string(sites)) !=
          std::string::npos);
    CHECK(proxy_failures(result.out, "jp-bad") >= 1);
    CHECK(result.out.find("proxy failures, resting") != std::string::npos);
  }
}

TEST_CASE("export reads while a crawl writes the same database: neither fails, rows only grow") {
  const auto started = clock_type::now();
  slow_lab lab(300, 50ms);
  auto crawl = lab.start_and_wait(lab.crawl_arguments(), 1);
  const auto out = lab.dir.path() / "export.csv";
  std::size_t comparisons = 0;
  std::size_t views = 0;
  int exports = 0;
  int while_crawling = 0;
  // Bounded: the crawl ends within seconds, and the count caps the loop if it does not.
  for (; exports < 200; ++exports) {
    const bool crawling = !crawl->wait_for(0ms);
    const bool of_views = exports % 2 == 1;
    const auto result = run_geocrawl({"export", "--db", lab.database, "--out", out.string(),
                                      "--what", of_views ? "views" : "comparisons"});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto rows = read_with_python(out).size() - 1;
    auto& seen = of_views ? views : comparisons;
    CHECK(rows >= seen);
    seen = rows;
    if (!crawling) break;
    ++while_crawling;
    std::this_thread::sleep_for(100ms);
  }
  const auto code = crawl->wait_for(60s);
  INFO("log: " << lab.log_text());
  CHECK(code == 0);
  MESSAGE(
      while_crawling
      << " exports while the crawl ran; "
      << std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started).count()
      << " ms");
  CHECK(while_crawling >= 3);
  check_exactly_once(lab.database, lab.sites);
  const auto last = run_geocrawl({"export", "--db", lab.database, "--out", out.string()});
  REQUIRE(last.exit_code == 0);
  CHECK(read_with_python(out).size() == static_cast<std::size_t>(lab.sites) + 1);
}

namespace {

// What must hold whenever the crawl is not running, however it stopped: nothing stored for a
// site that is not finished, and the run's count of finished sites true.
void check_consistent(const std::string& database) {
  // Killed before its schema was complete (each migration is a transaction of its own, and
  // the next start goes on with the rest): no site can be stored yet.
  if (count_of(database, "PRAGMA user_version") < store_schema_version()) return;
  CHECK(count_of(database,
                 "SELECT count(*) FROM views JOIN sites ON sites.id = views.site_id "
                 "WHERE sites.finished_at IS NULL") == 0);
  CHECK(count_of(database,
                 "SELECT count(*) FROM comparisons JOIN sites ON sites.id = comparisons.site_id "
                 "WHERE sites.finished_at IS NULL") == 0);
  CHECK(count_of(database, "SELECT count(*) FROM sites WHERE finished_at IS NOT NULL") ==
        count_of(database, "SELECT coalesce(sum(sites_done), 0) FROM runs"));
}

std::uint64_t test_seed() {
  if (const char* fixed = std::getenv("GEOCRAWL_TEST_SEED")) return std::stoull(fixed);
  return std::random_device{}();
}

}  // namespace

TEST_CASE(
    "SIGKILL at twenty random moments of a crawl, each followed by --resume: every site once") {
  const auto started = clock_type::now();
  const auto seed = test_seed();
  MESSAGE("seed " << seed << " (GEOCRAWL_TEST_SEED=" << seed << " repeats this run)");
  std::mt19937_64 random(seed);
  slow_lab lab(200, 50ms, "concurrency = 6\nper_host = 6\nretries = 0\n");

  constexpr int kills_wanted = 20;
  int kills = 0;
  for (; kills < kills_wanted; ++kills) {
    // Before the first run is recorded, starting again is all a user can do.
    const auto before = lab.finished();
    auto child = lab.start(lab.has_run() ? lab.resume_arguments() : lab.crawl_arguments());
    // Half the time a moment anywhere from start-up on, half the time once a few more sites are
    // stored: the moments when results are being written.
    if (std::bernoulli_distribution(0.5)(random)) {
      child->wait_for(std::chrono::milliseconds(std::uniform_int_distribution(0, 250)(random)));
    } else {
      const auto more = std::uniform_int_distribution(1, 5)(random);
      const auto give_up = clock_type::now() + 10s;
      while (lab.finished() < before + more && clock_type::now() < give_up &&
             !child->wait_for(5ms)) {
      }
    }
    if (child->wait_for(0ms)) break;  // finished before it could be killed: sized wrong
    ::kill(child->pid(), SIGKILL);
    CHECK(child->wait_for(5s) == -1);
    check_consistent(lab.database);
  }
  MESSAGE(kills << " kills; " << lab.finished() << " of " << lab.sites
                << " sites finished by then");
  CHECK(kills == kills_wanted);
  CHECK(lab.finished() < lab.sites);

  const auto last = run_geocrawl(lab.resume_arguments());
  INFO("stderr: " << last.err);
  REQUIRE(last.exit_code == 0);
  check_exactly_once(lab.database, lab.sites);
  check_consistent(lab.database);
  testing::check_database_consistent(lab.database);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs") == 1);
  CHECK(count_of(lab.database, "SELECT sites_total FROM runs WHERE id = 1 AND status = 'done'") ==
        lab.sites);
  MESSAGE(std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started).count()
          << " ms");
}

TEST_CASE(
    "a run killed while loading its list loads it again on --resume rather than crawl part of it") {
  slow_lab lab(40, 0ms);
  {
    // What a kill between two of the list's transactions leaves: the run, part of its list, and
    // no total yet.
    store database(lab.database);
    const auto run = database.begin_run({run_kind::crawl, lab.config_path(), lab.sites_path(),
                                         config_fingerprint(load_config(lab.config_path()))});
    std::vector<site_entry> part;
    for (int i = 0; i < 15; ++i)
      part.push_back({.url = lab.origin.url("/slow/" + std::to_string(i) + "/")});
    database.add_sites(run, part);
  }
  const auto resumed = run_geocrawl(lab.resume_arguments());
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("not fully loaded") != std::string::npos);
  check_exactly_once(lab.database, lab.sites);
  CHECK(count_of(lab.database, "SELECT sites_total FROM runs WHERE id = 1") == lab.sites);
}

namespace {

// A page no other site serves, about 48 KB: zstd cannot shrink it to nothing, so each site adds
// its own bytes to the database.
std::string distinct_page(const std::string& path) {
  std::mt19937 random(static_cast<std::uint32_t>(std::hash<std::string>{}(path)));
  std::uniform_int_distribution<int> letter('a', 'z');
  std::string text;
  text.reserve(48 * 1024);
  while (text.size() < 48 * 1024) {
    for (int i = 0; i < 7; ++i) text += static_cast<char>(letter(random));
    text += ' ';
  }
  return "<html><head><title>" + path + "</title></head><body><p>" + text + "</p></body></html>";
}

}  // namespace

TEST_CASE(
    "a disk that fills up mid-crawl: a clear error, exit 1, an intact database, and --resume goes "
    "on") {
  const auto started = clock_type::now();
  crawl_lab lab("concurrency = 4\nper_host = 4\nretries = 0\n");
  constexpr int sites = 60;
  lab.origin.route_below(
      "/big/", [](const received_request& request) { return html(distinct_page(request.target)); });
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i)
    lines.push_back(lab.origin.url("/big/" + std::to_string(i) + "/"));
  lab.write_sites(lines);

  // Room for the schema, the run and its list, not for the results: about a third of them.
  constexpr std::uint64_t room = 1024 * 1024;
  std::vector<std::string> words = {geocrawl_binary()};
  const auto arguments = lab.crawl_arguments();
  words.insert(words.end(), arguments.begin(), arguments.end());
  const auto full = run_command(with_file_size_limit(room, words));
  INFO("stdout: " << full.out);
  INFO("stderr: " << full.err);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("cannot store results in " + lab.database) != std::string::npos);
  CHECK(full.err.find("geocrawl crawl --resume --run 1 --db " + lab.database) != std::string::npos);
  const auto stored = lab.finished();
  MESSAGE(stored << " of " << sites << " sites stored before the disk was full");
  CHECK(stored < sites);
  testing::check_database_consistent(lab.database);
  check_consistent(lab.database);

  const auto resumed = run_geocrawl(lab.resume_arguments());
  INFO("resumed stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  check_exactly_once(lab.database, sites);
  testing::check_database_consistent(lab.database);
  MESSAGE(std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started).count()
          << " ms");
}

// Before, a disk that filled while the list was loading ended with the database's message but
// no resume command, though the run existed and --resume would load its list again.
TEST_CASE(
    "a disk that fills up while the sites list loads: exit 1 with the resume command, and --resume "
    "loads it again") {
  crawl_lab lab("concurrency = 16\nretries = 0\n");
  constexpr int sites = 300;
  lab.origin.route_below("/long/", [](const received_request&) { return html(english_news()); });
  // 2 KB a URL, stored twice (the row and its index): about 1.2 MB of list.
  const std::string padding(2000, 'p');
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i)
    lines.push_back(lab.origin.url("/long/" + std::to_string(i) + "/" + padding));
  lab.write_sites(lines);

  constexpr std::uint64_t room = 640 * 1024;  // the schema and the run, not the list
  std::vector<std::string> words = {geocrawl_binary()};
  const auto arguments = lab.crawl_arguments();
  words.insert(words.end(), arguments.begin(), arguments.end());
  const auto full = run_command(with_file_size_limit(room, words));
  INFO("stderr: " << full.err);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("geocrawl: --db " + lab.database + ": ") != std::string::npos);
  CHECK(full.err.find("resume with:\n  geocrawl crawl --resume --run 1 --db " + lab.database) !=
        std::string::npos);
  CHECK(count_of(lab.database, "SELECT count(*) FROM views") == 0);
  testing::check_database_consistent(lab.database);

  const auto resumed = run_geocrawl(lab.resume_arguments());
  INFO("resumed stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("not fully loaded") != std::string::npos);
  check_exactly_once(lab.database, sites);
  CHECK(count_of(lab.database, "SELECT sites_total FROM runs WHERE id = 1") == sites);
  testing::check_database_consistent(lab.database);
}

}  // namespace geocrawl::testing
