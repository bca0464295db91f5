// `geocrawl crawl` as a user runs it: a few hundred sites on an in-process origin — the same
// page for everyone, a shop only for a verified Japanese exit, connections reset, a site that
// answers 503 before it recovers, a bare domain, bad and duplicate lines — from a baseline and
// a JP vantage behind a scripted SOCKS5 proxy. The stored run, sites, views and comparisons
// and the printed summary are checked; then crawls are killed and interrupted mid-way and
// resumed, and each site must end up stored exactly once.
#include <doctest/doctest.h>

#include <csignal>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "crawler/store/sqlite.hpp"
#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

std::map<std::string, std::int64_t> site_verdicts(const std::string& database) {
  sqlite_db db(database);
  auto query = db.prepare("SELECT coalesce(verdict, 'none'), count(*) FROM sites GROUP BY 1");
  std::map<std::string, std::int64_t> verdicts;
  while (query.step()) verdicts[query.column_text(0)] = query.column_int(1);
  return verdicts;
}

}  // namespace

TEST_CASE("a crawl of a few hundred sites stores every result once and sums them up") {
  crawl_lab lab("concurrency = 32\nper_host = 32\nretries = 2\nretry_backoff_s = 0.05\n");
  auto& origin = lab.origin;
  origin.route_below("/same/", [](const received_request&) { return html(english_news()); });
  origin.route_below("/cloak/", [](const received_request& request) {
    return html(through_japan(request) ? japanese_shop() : japanese_construction_page());
  });
  origin.route_below("/reset/",
                     [](const received_request&) { return response_script{script_step::reset()}; });
  auto flaky_requests = std::make_shared<std::atomic<int>>(0);
  origin.route("/flaky/", [flaky_requests](const received_request&) {
    if (++*flaky_requests <= 2)
      return http_response(503, {{"Content-Type", "text/html"}}, "<p>busy</p>");
    return html(english_news());
  });

  std::vector<std::string> lines = {"# tonight's list", ""};
  for (int i = 0; i < 120; ++i) lines.push_back(origin.url("/same/" + std::to_string(i) + "/"));
  for (int i = 0; i < 60; ++i) lines.push_back(origin.url("/cloak/" + std::to_string(i) + "/"));
  for (int i = 0; i < 10; ++i) lines.push_back(origin.url("/reset/" + std::to_string(i) + "/"));
  lines.push_back(origin.url("/flaky/"));
  // A bare domain: https first (the origin speaks plain HTTP, so that fails), then http.
  lines.push_back("127.0.0.1:" + std::to_string(origin.port()) + "/same/bare/");
  lines.push_back("ftp://127.0.0.1/files/");    // bad: not http(s)
  lines.push_back(origin.url("/same/1/"));      // duplicate
  lines.push_back(origin.url("/same/2/#top"));  // duplicate: fragments are not sent
  lines.push_back("http://exa mple.com/");      // bad: a space in the host
  lab.write_sites(lines);

  const auto result = run_geocrawl(
      {"crawl", "--sites", lab.sites_path(), "--config", lab.config_path(), "--db", lab.database});
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);

  const std::int64_t sites = 120 + 60 + 10 + 1 + 1;
  CHECK(count_of(lab.database, "SELECT sites_total FROM runs WHERE id = 1") == sites);
  CHECK(count_of(lab.database, "SELECT bad_lines FROM runs WHERE id = 1") == 2);
  CHECK(count_of(lab.database, "SELECT duplicates FROM runs WHERE id = 1") == 2);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs WHERE id = 1 AND status = 'done'") == 1);
  check_exactly_once(lab.database, sites);
  CHECK(site_verdicts(lab.database) == std::map<std::string, std::int64_t>{{"cloaked", 60},
                                                                           {"consistent", 122},
                                                                           {"unreachable", 10}});

  // The JP views came through the verified proxy and saw the shop.
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views WHERE vantage = 'jp' AND proxy = 'jp-1' "
                 "AND exit_country = 'JP' AND requested_url LIKE '%/cloak/%'") == 60);
  CHECK(count_of(lab.database,
                 "SELECT count(DISTINCT views.id) FROM views JOIN view_drugs ON view_drugs.view_id "
                 "= views.id "
                 "WHERE vantage = 'jp' AND requested_url LIKE '%/cloak/%'") == 60);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views JOIN view_drugs ON view_drugs.view_id = views.id "
                 "WHERE vantage = 'default' AND requested_url LIKE '%/cloak/%'") == 0);
  // The 503s were retried until the site answered.
  CHECK(
      count_of(lab.database,
               "SELECT count(*) FROM views WHERE requested_url LIKE '%/flaky/' AND status = 200") ==
      2);
  // The bare domain was fetched over http after https failed.
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views WHERE requested_url = 'http://127.0.0.1:" +
                     std::to_string(origin.port()) + "/same/bare/' AND status = 200") == 2);
  // Bad lines are reported with their line numbers.
  CHECK(result.err.find("sites.txt:" + std::to_string(2 + 120 + 60 + 10 + 2 + 1) + ":") !=
        std::string::npos);
  CHECK(result.err.find("sites.txt:" + std::to_string(lines.size()) + ":") != std::string::npos);

  CHECK(result.out.find("run 1 done") != std::string::npos);
  CHECK(result.out.find("sites: 192 of 192 finished") != std::string::npos);
  CHECK(result.out.find("verdicts: cloaked 60 consistent 122 unreachable 10") != std::string::npos);
  CHECK(result.out.find("proxy jp-1 (JP): ") != std::string::npos);
  CHECK(result.out.find("errors: ") != std::string::npos);
  CHECK(result.out.find("input: 2 bad lines skipped, 2 duplicates") != std::string::npos);
  CHECK(result.out.find("degraded") == std::string::npos);

  // The counts add up: two views stored per site (the control re-fetch of the baseline is
  // compared, not stored), the failed ones are the stored views with an error, and the errors by
  // code sum to them.
  const auto failed =
      count_of(lab.database, "SELECT count(*) FROM views WHERE error_code IS NOT NULL");
  CHECK(failed > 0);
  CHECK(result.out.find("this session: " + std::to_string(2 * sites) + " views stored (" +
                        std::to_string(failed) + " failed), " + std::to_string(sites) +
                        " control re-fetches of the baseline") != std::string::npos);
  std::smatch errors_line;
  REQUIRE(std::regex_search(result.out, errors_line, std::regex("errors:([^\\n]*)\\n")));
  std::int64_t errors_sum = 0;
  const std::string codes = errors_line[1];
  const std::regex code_count(" [a-z_]+ (\\d+)");
  for (auto it = std::sregex_iterator(codes.begin(), codes.end(), code_count);
       it != std::sregex_iterator(); ++it)
    errors_sum += std::stoll((*it)[1]);
  CHECK(errors_sum == failed);
}

TEST_CASE("a CSV list's extra columns travel with each site as labels, through to the export") {
  crawl_lab lab("concurrency = 4\n");
  lab.origin.route_below("/shop/", [](const received_request& request) {
    return html(through_japan(request) ? japanese_shop() : japanese_construction_page());
  });
  const auto sites = (lab.dir.path() / "suspects.csv").string();
  std::ofstream(sites) << "registrar,url,note\n"
                       << "Example Registrar,\"" << lab.origin.url("/shop/a/")
                       << "\",\"seen in spam, twice\"\n"
                       << "Other,127.0.0.1:" << lab.origin.port() << "/shop/b/,\n";
  const auto crawl = run_geocrawl(
      {"crawl", "--sites", sites, "--config", lab.config_path(), "--db", lab.database});
  INFO("stderr: " << crawl.err);
  REQUIRE(crawl.exit_code == 0);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM sites WHERE labels = "
                 "'{\"registrar\":\"Example Registrar\",\"note\":\"seen in spam, twice\"}'") == 1);
  const auto exported = run_geocrawl({"export", "--db", lab.database, "--verdict", "cloaked"});
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out.find("\"{\"\"registrar\"\":\"\"Example Registrar\"\",\"\"note\"\":\"\"seen in "
                          "spam, twice\"\"}\"") != std::string::npos);
  CHECK(exported.out.find("Other") != std::string::npos);
}

TEST_CASE("on a terminal, progress is one line redrawn in place") {
  crawl_lab lab("concurrency = 4\n");
  lab.origin.route_below("/page/", [](const received_request&) { return html(english_news()); });
  lab.write_sites({lab.origin.url("/page/1/"), lab.origin.url("/page/2/")});
  // util-linux script(1) runs the crawl on a pseudo-terminal and copies what it wrote.
  const auto command = geocrawl_binary() + " crawl --sites " + lab.sites_path() + " --config " +
                       lab.config_path() + " --db " + lab.database;
  const auto result = run_command({"script", "-qec", command, "/dev/null"});
  INFO("output: " << result.out);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\r\033[K2/2 sites 100% · ") != std::string::npos);
  CHECK(result.out.find(" run 1: ") == std::string::npos);  // no log lines on a terminal
}

TEST_CASE("a crawl killed with SIGKILL and resumed repeats no finished site and loses none") {
  slow_lab lab;
  const auto first = lab.crawl_arguments();
  const auto resume = lab.resume_arguments();

  int kills = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto child = lab.start_and_wait(attempt == 0 ? first : resume, 10);
    const auto exited = child->wait_for(0ms);
    if (exited) break;  // it finished before it could be killed: nothing left to resume
    ::kill(child->pid(), SIGKILL);
    ++kills;
    CHECK(child->wait_for(5s) == -1);
    CHECK(lab.finished() < lab.sites);
  }
  CHECK(kills >= 1);
  const auto last = run_geocrawl(resume);
  INFO("stderr: " << last.err);
  REQUIRE(last.exit_code == 0);
  check_exactly_once(lab.database, lab.sites);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs WHERE status = 'done'") == 1);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs") == 1);
}

TEST_CASE("SIGTERM stops a crawl within seconds, marks it interrupted and says how to resume") {
  slow_lab lab;
  auto child = lab.start_and_wait({"crawl", "--sites", lab.sites_path(), "--config",
                                   lab.config_path(), "--db", lab.database, "--log-every", "0.1"},
                                  40);
  REQUIRE_FALSE(child->wait_for(0ms));
  const auto signalled = std::chrono::steady_clock::now();
  ::kill(child->pid(), SIGTERM);
  const auto code = child->wait_for(10s);
  CHECK(std::chrono::steady_clock::now() - signalled < 5s);
  INFO("log: " << lab.log_text());
  CHECK(code == 128 + SIGTERM);
  // Not a terminal: timestamped progress lines.
  CHECK(lab.log_text().find("Z run 1: ") != std::string::npos);
  CHECK(lab.log_text().find("/150 sites ") != std::string::npos);
  CHECK(lab.log_text().find("geocrawl crawl --resume --run 1 --db ") != std::string::npos);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs WHERE status = 'interrupted'") == 1);
  CHECK(lab.finished() < lab.sites);

  const auto cloaked_before =
      count_of(lab.database, "SELECT count(*) FROM sites WHERE verdict = 'cloaked'");
  const auto resumed = run_geocrawl({"crawl", "--resume", "--config", lab.config_path(), "--db",
                                     lab.database, "--log-every", "0.1"});
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("resuming run 1") != std::string::npos);
  check_exactly_once(lab.database, lab.sites);
  // The resumed progress lines count the whole run, and say which sites are this session's: the
  // cloaked sites of the first session are in the count from the first line on.
  std::smatch line;
  REQUIRE(std::regex_search(
      resumed.err, line,
      std::regex(R"((\d+)/150 sites \d+% \((\d+) this session\) · .* · cloaked (\d+) · )")));
  CHECK(std::stoll(line[1]) >= std::stoll(line[2]));
  CHECK(std::stoll(line[3]) >= cloaked_before);
}

TEST_CASE("resuming refuses a changed config, a finished run and a database without one") {
  slow_lab lab;
  const auto none = run_geocrawl({"crawl", "--resume", "--db", lab.database});
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("no unfinished crawl run") != std::string::npos);

  const auto done = run_geocrawl(
      {"crawl", "--sites", lab.sites_path(), "--config", lab.config_path(), "--db", lab.database});
  REQUIRE(done.exit_code == 0);
  const auto again = run_geocrawl(
      {"crawl", "--resume", "--run", "1", "--config", lab.config_path(), "--db", lab.database});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("run 1 is done") != std::string::npos);

  // An interrupted run, then a config with another vantage set.
  sqlite_db(lab.database).exec("UPDATE runs SET status = 'interrupted'");
  std::ofstream(lab.config_path(), std::ios::app) << "\n[[vantage]]\nname = \"mobile\"\n";
  const auto changed =
      run_geocrawl({"crawl", "--resume", "--config", lab.config_path(), "--db", lab.database});
  CHECK(changed.exit_code == 2);
  CHECK(changed.err.find("differs from the config run 1 started with") != std::string::npos);

  const auto both =
      run_geocrawl({"crawl", "--resume", "--sites", lab.sites_path(), "--db", lab.database});
  CHECK(both.exit_code == 2);
  const auto unknown = run_geocrawl({"crawl", "--resume", "--run", "9", "--db", lab.database});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("--run 9") != std::string::npos);
}

}  // namespace geocrawl::testing
