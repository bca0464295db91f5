// `geocrawl runs` and the crawl's input as a user meets them: a sites file that cannot be read
// leaves no run behind; every run is listed, newest first, as a table or JSON; a run that will
// never finish is abandoned, and --resume then leaves it alone; the lines a crawl rejected are
// kept with the run and listed in full, never with a password.
#include <doctest/doctest.h>

#include <csignal>

#include <chrono>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

constexpr std::string_view brisk = "concurrency = 4\nper_host = 4\nretries = 0\n";

std::size_t occurrences(const std::string& text, std::string_view part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("a sites file no crawl could read is refused before any proxy check or run") {
  crawl_lab lab(brisk);
  const auto missing = (lab.dir.path() / "missing.txt").string();
  const auto no_url = (lab.dir.path() / "no-url.csv").string();
  std::ofstream(no_url) << "site,note\nexample.com,x\n";
  for (const auto& sites : {missing, no_url}) {
    CAPTURE(sites);
    const auto result = run_geocrawl(
        {"crawl", "--sites", sites, "--config", lab.config_path(), "--db", lab.database});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--sites " + sites + ": ") != std::string::npos);
  }
  CHECK_FALSE(lab.has_run());
  CHECK(lab.japan.connections() == 0);  // the proxies were not even checked

  const auto resume = run_geocrawl(lab.resume_arguments());
  CHECK(resume.exit_code == 1);
  CHECK(resume.err.find("nothing to resume") != std::string::npos);
}

TEST_CASE("runs lists every run newest first, abandon ends one for good and --resume skips it") {
  slow_lab lab;
  const auto done = run_geocrawl(lab.crawl_arguments());
  REQUIRE_MESSAGE(done.exit_code == 0, done.err);
  // Run 2 is killed mid-way: it stays `running`.
  auto child = lab.start_and_wait(lab.crawl_arguments(), 10);
  REQUIRE_FALSE(child->wait_for(0ms));
  ::kill(child->pid(), SIGKILL);
  CHECK(child->wait_for(5s) == -1);

  const auto table = run_geocrawl({"runs", "--db", lab.database});
  INFO("runs: " << table.out);
  REQUIRE(table.exit_code == 0);
  // Column widths are the table's business; the words and their order are the test's.
  const std::regex second_row(R"(\n2 +crawl +running )");
  const std::regex first_row(R"(\n1 +crawl +done )");
  std::smatch match;
  const auto second = std::regex_search(table.out, match, second_row)
                          ? static_cast<std::size_t>(match.position())
                          : std::string::npos;
  const auto first = std::regex_search(table.out, match, first_row)
                         ? static_cast<std::size_t>(match.position())
                         : std::string::npos;
  CHECK(second != std::string::npos);
  CHECK(first != std::string::npos);
  CHECK(second < first);
  CHECK(table.out.find("150/150") != std::string::npos);
  CHECK(table.out.find(lab.sites_path()) != std::string::npos);

  const auto listed = run_geocrawl({"runs", "--db", lab.database, "--json"});
  REQUIRE(listed.exit_code == 0);
  const auto runs = boost::json::parse(listed.out).as_object().at("runs").as_array();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].at("id").as_int64() == 2);
  CHECK(runs[0].at("status").as_string() == "running");
  CHECK(runs[0].at("finished_at").is_null());
  CHECK(runs[1].at("status").as_string() == "done");
  CHECK(runs[1].at("sites_done").as_int64() == 150);
  CHECK(runs[1].at("sites_total").as_int64() == 150);
  CHECK(runs[1].at("bad_lines").as_int64() == 0);
  CHECK(runs[1].at("duplicates").as_int64() == 0);
  CHECK(runs[1].at("input").as_string() == lab.sites_path());

  const auto refused = run_geocrawl({"runs", "abandon", "1", "--db", lab.database});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("run 1 is done") != std::string::npos);
  const auto unknown = run_geocrawl({"runs", "abandon", "9", "--db", lab.database});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("no run 9") != std::string::npos);

  const auto abandoned = run_geocrawl({"runs", "abandon", "2", "--db", lab.database});
  CHECK_MESSAGE(abandoned.exit_code == 0, abandoned.err);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs WHERE id = 2 AND status = 'failed'") ==
        1);
  CHECK(run_geocrawl({"runs", "--db", lab.database}).out.find("failed (abandoned)") !=
        std::string::npos);
  const auto resume = run_geocrawl(lab.resume_arguments());
  CHECK(resume.exit_code == 1);
  CHECK(resume.err.find("nothing to resume") != std::string::npos);
  const auto named = run_geocrawl(
      {"crawl", "--resume", "--run", "2", "--config", lab.config_path(), "--db", lab.database});
  CHECK(named.exit_code == 1);
  CHECK(named.err.find("run 2 was abandoned") != std::string::npos);

  const auto no_database = run_geocrawl({"runs", "--db", (lab.dir.path() / "none.db").string()});
  CHECK(no_database.exit_code == 1);
  CHECK(no_database.err.find("no such file") != std::string::npos);
}

TEST_CASE("every rejected line is kept with the run, counted, and listed by runs --errors") {
  crawl_lab lab(brisk);
  lab.origin.route_below("/page/", [](const received_request&) { return html(english_news()); });
  std::vector<std::string> lines = {lab.origin.url("/page/1/")};
  for (int i = 0; i < 24; ++i) lines.push_back("ftp://files.example/" + std::to_string(i));
  lines.push_back("http://analyst:hunter2secret@shop.example/");
  lines.push_back(lab.origin.url("/page/2/"));
  lab.write_sites(lines);

  const auto crawl = run_geocrawl(lab.crawl_arguments());
  INFO("stdout: " << crawl.out);
  INFO("stderr: " << crawl.err);
  REQUIRE(crawl.exit_code == 0);
  // stderr still shows the first 20 and says where the rest are (one line more names the file).
  CHECK(occurrences(crawl.err, lab.sites_path() + ":") == 21);
  CHECK(crawl.err.find("5 more bad lines not shown (geocrawl runs --errors 1 lists them all)") !=
        std::string::npos);
  CHECK(crawl.out.find("input: 25 bad lines skipped, 0 duplicates") != std::string::npos);
  CHECK(count_of(lab.database, "SELECT count(*) FROM input_errors WHERE run_id = 1") == 25);
  CHECK(count_of(lab.database, "SELECT bad_lines FROM runs WHERE id = 1") == 25);

  const auto errors = run_geocrawl({"runs", "--errors", "1", "--db", lab.database});
  INFO("errors: " << errors.out);
  REQUIRE(errors.exit_code == 0);
  CHECK(occurrences(errors.out, "\n") == 25);
  CHECK(errors.out.find(lab.sites_path() + ":2: ") == 0);
  CHECK(errors.out.find(lab.sites_path() + ":26: ") != std::string::npos);
  CHECK(errors.out.find("hunter2secret") == std::string::npos);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM input_errors WHERE message LIKE '%hunter2secret%'") == 0);

  const auto as_json = run_geocrawl({"runs", "--errors", "1", "--json", "--db", lab.database});
  REQUIRE(as_json.exit_code == 0);
  const auto listed = boost::json::parse(as_json.out).as_object();
  CHECK(listed.at("run").as_int64() == 1);
  const auto& input_errors = listed.at("input_errors").as_array();
  REQUIRE(input_errors.size() == 25);
  CHECK(input_errors[24].at("line").as_int64() == 26);
  CHECK_FALSE(input_errors[24].at("message").as_string().empty());

  const auto table = run_geocrawl({"runs", "--db", lab.database});
  CHECK(table.out.find("2/2             25 ") != std::string::npos);
  CHECK(run_geocrawl({"runs", "--errors", "7", "--db", lab.database}).exit_code == 1);
}

}  // namespace geocrawl::testing
