// Issue 21 as a night's operator runs it: the same list crawled by one process and by four
// shards (`crawl --shard I/4 --run-label L`, each into its own database) over origins on eight
// loopback addresses — eight sites, each its own shard key — then `geocrawl merge`: the exports
// agree, merging again changes nothing, and a merge killed with SIGKILL is completed by the
// next one.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdlib>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "crawler/store/sqlite.hpp"
#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/database_checks.hpp"
#include "tests/support/python_csv.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/shard_databases.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

// Columns that differ between two crawls of the same list by their nature: which run, when a
// view was fetched, how old the exit check was then and how long the fetch took.
const std::vector<std::string> ignored_columns = {
    "run_id",          "fetched_at",       "exit_check_age_s_vantage",
    "exit_checked_at", "exit_check_age_s", "total_ms"};

struct sharded_lab : crawl_lab {
  std::vector<std::unique_ptr<test_origin>> sites;

  // Every response waits `pause` first, so that a crawl can be stopped in the middle.
  explicit sharded_lab(std::chrono::milliseconds pause = 0ms,
                       std::string_view crawl_section =
                           "concurrency = 16\nper_host = 4\nretries = "
                           "0\n")
      : crawl_lab(crawl_section) {
    const auto paused = [pause](response_script script) {
      if (pause > 0ms) script.insert(script.begin(), script_step::pause(pause));
      return script;
    };
    // 127.0.0.2 to .9 fall in shards 1, 3, 3, 3, 1, 0, 1, 2 of 4: none is empty.
    std::vector<std::string> lines;
    for (int host = 2; host <= 9; ++host) {
      auto& origin = *sites.emplace_back(std::make_unique<test_origin>(
          origin_options{.bind_address = "127.0.0." + std::to_string(host)}));
      origin.route_below(
          "/same/", [paused](const received_request&) { return paused(html(english_news())); });
      // The shops of .2-.5 share one analytics ID, .6-.9 another; all share the shop's template,
      // so one network spans every shard.
      const std::string analytics = host <= 5 ? "G-SHARDNETA1" : "G-SHARDNETB2";
      origin.route_below("/cloak/", [paused, analytics](const received_request& request) {
        return paused(html(through_japan(request) ? japanese_shop() + "<script>gtag('config', '" +
                                                        analytics + "');</script>"
                                                  : japanese_construction_page()));
      });
      for (int i = 0; i < 6; ++i) lines.push_back(origin.url("/same/" + std::to_string(i) + "/"));
      for (int i = 0; i < 3; ++i) lines.push_back(origin.url("/cloak/" + std::to_string(i) + "/"));
    }
    lines.push_back("ftp://127.0.0.1/not-a-site/");  // a bad line every shard reports
    write_sites(lines);
  }

  std::string database_of(const std::string& name) const {
    return (dir.path() / (name + ".db")).string();
  }
};

std::vector<std::map<std::string, std::string>> exported(const std::string& database,
                                                         const std::string& what,
                                                         const std::filesystem::path& out) {
  const auto result = run_geocrawl({"export", "--db", database, "--what", what, "--out", out});
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  auto records = records_of(read_with_python(out));
  for (auto& record : records)
    for (const auto& column : ignored_columns) record.erase(column);
  return records;
}

void crawl_shards(const sharded_lab& lab) {
  for (int i = 0; i < 4; ++i) {
    auto arguments = lab.crawl_arguments();
    arguments.back() = lab.database_of("shard-" + std::to_string(i));
    arguments.insert(arguments.end(),
                     {"--shard", std::to_string(i) + "/4", "--run-label", "night-2026-12-07"});
    const auto shard = run_geocrawl(arguments);
    INFO("shard " << i << " stdout: " << shard.out << "\nstderr: " << shard.err);
    REQUIRE(shard.exit_code == 0);
    CHECK(shard.out.starts_with("run label: night-2026-12-07\n"));
  }
}

// Every file of one report folder is in the other with the same bytes, once the times a crawl
// stamps (ISO 8601 UTC), the milliseconds it measured and the age of the exit check a view
// relied on are masked.
bool same_report(const std::filesystem::path& one, const std::filesystem::path& other) {
  const std::regex varying(
      "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z|[0-9]+ ?ms\\b|"
      "[0-9.]+ s before the view");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(one)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const auto relative = std::filesystem::relative(entry.path(), one);
    CAPTURE(relative.string());
    const auto mine = std::regex_replace(file_contents(entry.path()), varying, "~");
    const auto theirs = std::regex_replace(file_contents(other / relative), varying, "~");
    if (mine != theirs) {
      const auto at = static_cast<std::size_t>(
          std::mismatch(mine.begin(), mine.end(), theirs.begin(), theirs.end()).first -
          mine.begin());
      const auto from = at < 200 ? 0 : at - 200;
      FAIL_CHECK("differs: " << relative.string() << " at byte " << at << ":\n"
                             << mine.substr(from, 400) << "\n---\n"
                             << theirs.substr(from, 400));
      return false;
    }
  }
  return files > 0;
}

std::vector<std::string> merge_arguments(const sharded_lab& lab, const std::string& into) {
  std::vector<std::string> words = {"merge", "--into", into};
  for (int i = 0; i < 4; ++i) words.push_back(lab.database_of("shard-" + std::to_string(i)));
  return words;
}

}  // namespace

TEST_CASE("one process and four shards merged give the same export, and merging twice is once") {
  sharded_lab lab;
  const auto single = run_geocrawl(lab.crawl_arguments());
  INFO("single stderr: " << single.err);
  REQUIRE(single.exit_code == 0);
  CHECK(single.out.starts_with("run label: "));

  crawl_shards(lab);
  // Each shard took only its own sites, and the whole list between them.
  std::int64_t crawled = 0;
  for (int i = 0; i < 4; ++i) {
    const auto database = lab.database_of("shard-" + std::to_string(i));
    const auto sites = count_of(database, "SELECT count(*) FROM sites");
    CHECK(sites > 0);
    CHECK(count_of(database, "SELECT count(*) FROM runs WHERE shard_index = " + std::to_string(i) +
                                 " AND shard_count = 4") == 1);
    crawled += sites;
  }
  CHECK(crawled == 72);
  const auto runs = run_geocrawl({"runs", "--db", lab.database_of("shard-3")});
  CHECK(runs.out.find("3/4") != std::string::npos);

  const auto merged = lab.database_of("merged");
  const auto merge = run_geocrawl(merge_arguments(lab, merged));
  INFO("merge stdout: " << merge.out << "\nstderr: " << merge.err);
  REQUIRE(merge.exit_code == 0);
  check_database_consistent(merged);
  CHECK(count_of(merged, "SELECT count(*) FROM runs") == 1);
  CHECK(count_of(merged,
                 "SELECT count(*) FROM runs WHERE status = 'done' AND sites_total = 72 "
                 "AND sites_done = 72 AND bad_lines = 1") == 1);

  for (const std::string what : {"comparisons", "views", "sites"}) {
    CAPTURE(what);
    CHECK(exported(merged, what, lab.dir.path() / ("merged-" + what + ".csv")) ==
          exported(lab.database, what, lab.dir.path() / ("single-" + what + ".csv")));
  }
  // The same evidence beyond the export: bodies once each, analyses, drugs, headers, redirects.
  for (const char* table : {"bodies", "analyses", "view_drugs", "view_headers", "view_redirects",
                            "view_phrases", "comparisons", "input_errors"}) {
    CAPTURE(table);
    const auto rows = std::string("SELECT count(*) FROM ") + table;
    CHECK(count_of(merged, rows) == count_of(lab.database, rows));
  }

  // What changed since each site's previous run (none: every site is new in both) and the
  // report, page for page.
  const auto changes_single = run_geocrawl({"changes", "--db", lab.database});
  const auto changes_merged = run_geocrawl({"changes", "--db", merged});
  CHECK(changes_merged.exit_code == changes_single.exit_code);
  CHECK(changes_merged.out == changes_single.out);
  const auto report_of = [&](const std::string& database, const std::string& name) {
    const auto folder = lab.dir.path() / name;
    const auto report =
        run_geocrawl({"report", "--db", database, "--out", folder.string(), "--no-screenshots"});
    INFO("report stderr: " << report.err);
    REQUIRE(report.exit_code == 0);
    return folder;
  };
  CHECK(same_report(report_of(merged, "merged-report"), report_of(lab.database, "single-report")));

  // Which sites are one network: the same networks, sites and links (view ids aside, which the
  // merge renumbers). Twelve shops with one ID are 17% of the 72 sites: the widespread rule is
  // raised so that these IDs link.
  const temp_file networks_config("[networks]\nmax_share_percent = 50\n", ".toml");
  const auto networks_of = [&](const std::string& database) {
    const auto networks =
        run_geocrawl({"networks", "--db", database, "--config", networks_config.path(), "--json"});
    INFO("networks stderr: " << networks.err);
    REQUIRE(networks.exit_code == 0);
    auto answer = boost::json::parse(networks.out).as_object();
    // Sites and links are listed in site id order, which the merge renumbers shard by shard:
    // compared as sets.
    const auto by_text = [](const boost::json::value& a, const boost::json::value& b) {
      return boost::json::serialize(a) < boost::json::serialize(b);
    };
    for (auto& network : answer.at("networks").as_array()) {
      auto& fields = network.as_object();
      // A network's links span its sites from the first site in id order; which pairs they
      // name follows the ids, what joins them does not: each link is kept as its identifier.
      for (auto& link : fields.at("links").as_array()) {
        auto& evidence = link.as_object();
        link = boost::json::object{{"kind", evidence.at("kind")},
                                   {"value", evidence.at("value")},
                                   {"strength", evidence.at("strength")}};
      }
      for (const char* list : {"sites", "links", "identifiers"}) {
        auto& items = fields.at(list).as_array();
        std::sort(items.begin(), items.end(), by_text);
      }
    }
    return answer;
  };
  const auto networks_merged = networks_of(merged);
  const auto networks_single = networks_of(lab.database);
  REQUIRE(networks_merged.at("networks").as_array().size() == 1);
  CHECK(networks_merged.at("networks").as_array()[0].as_object().at("sites").as_array().size() ==
        24);
  CHECK(networks_merged.at("networks") == networks_single.at("networks"));
  CHECK(networks_merged.at("weak") == networks_single.at("weak"));
  CHECK(networks_merged.at("excluded") == networks_single.at("excluded"));

  const auto before = database_digest(merged);
  const auto again = run_geocrawl(merge_arguments(lab, merged));
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("merged already") != std::string::npos);
  CHECK(database_digest(merged) == before);
}

TEST_CASE("a merge killed with SIGKILL leaves whole shards only, and merging again completes it") {
  temp_dir dir;
  std::vector<std::string> shards;
  for (std::uint32_t i = 0; i < 4; ++i) {
    shards.push_back((dir.path() / ("shard-" + std::to_string(i) + ".db")).string());
    shard_spec spec{.shard = run_shard{i, 4}};
    for (int site = 0; site < 3000; ++site)
      spec.urls.push_back("https://s" + std::to_string(i) + "-" + std::to_string(site) +
                          ".example/");
    write_shard_database(shards.back(), spec);
  }
  const auto killed = (dir.path() / "killed.db").string();
  const auto clean = (dir.path() / "clean.db").string();
  std::vector<std::string> words = {geocrawl_binary(), "merge", "--into", killed};
  words.insert(words.end(), shards.begin(), shards.end());
  const auto log = (dir.path() / "merge.log").string();

  // Killed once the first shard is committed, while a later one is being copied.
  child_process merge(words, log, log);
  const auto merged_shards = [&] {
    try {
      return count_of(killed, "SELECT count(*) FROM merged_shards");
    } catch (const sqlite_error&) {
      return std::int64_t{0};  // not created yet
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (merged_shards() < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(2ms);
  REQUIRE(merge.wait_for(0ms) == std::nullopt);  // still merging: the kill lands mid-merge
  ::kill(merge.pid(), SIGKILL);
  CHECK(merge.wait_for(5s) == -1);

  check_database_consistent(killed);
  const auto whole = merged_shards();
  CHECK(whole >= 1);
  CHECK(whole < 4);
  // Only whole shards: every merged one with all its sites, nothing of the one cut off.
  CHECK(count_of(killed, "SELECT count(*) FROM sites") == whole * 3000);
  CHECK(count_of(killed, "SELECT count(*) FROM views") == whole * 6000);

  const auto resumed =
      run_geocrawl({"merge", "--into", killed, shards[0], shards[1], shards[2], shards[3]});
  INFO("stdout: " << resumed.out << "\nstderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.out.find("merged already") != std::string::npos);
  const auto once =
      run_geocrawl({"merge", "--into", clean, shards[0], shards[1], shards[2], shards[3]});
  REQUIRE(once.exit_code == 0);
  CHECK(database_digest(killed) == database_digest(clean));
}

TEST_CASE("crawl --shard and --run-label refuse what names no shard, with exit status 2") {
  // As if no scheduler had started the test, whatever started it.
  for (const char* variable : {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT",
                               "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX"})
    ::unsetenv(variable);
  sharded_lab lab;
  struct refusal {
    std::vector<std::string> extra;
    const char* message;
  };
  const refusal refusals[] = {
      {{"--shard", "4/4"}, "expected I/N with 0 <= I < N"},
      {{"--shard", "-1/4"}, "expected I/N"},
      {{"--shard", "1"}, "expected I/N"},
      {{"--shard", "auto"}, "SLURM_ARRAY_TASK_ID"},
      {{"--shards", "4"}, "--shards: only with --shard auto"},
      {{"--run-label", "two words"}, "--run-label"},
  };
  for (const auto& each : refusals) {
    auto arguments = lab.crawl_arguments();
    arguments.insert(arguments.end(), each.extra.begin(), each.extra.end());
    const auto result = run_geocrawl(arguments);
    CAPTURE(each.message);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(each.message) != std::string::npos);
  }
  CHECK_FALSE(lab.has_run());
}

TEST_CASE("a shard run killed with SIGKILL resumes its own slice, and only with its own --shard") {
  sharded_lab lab(100ms, "concurrency = 4\nper_host = 1\nretries = 0\n");
  auto arguments = lab.crawl_arguments();
  arguments.insert(arguments.end(), {"--shard", "1/4", "--run-label", "night-1"});
  auto child = lab.start_and_wait(arguments, 3);
  REQUIRE(child->wait_for(0ms) == std::nullopt);  // still crawling: killed in the middle
  ::kill(child->pid(), SIGKILL);
  CHECK(child->wait_for(5s) == -1);
  CHECK(lab.finished() < 27);

  auto other_slice = lab.resume_arguments();
  other_slice.insert(other_slice.end(), {"--shard", "2/4"});
  const auto refused = run_geocrawl(other_slice);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("run 1 crawls shard 1/4") != std::string::npos);

  const auto resumed = run_geocrawl(lab.resume_arguments());
  INFO("stdout: " << resumed.out << "\nstderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.out.starts_with("run label: night-1\n"));
  // Shard 1 of 4 is the sites on 127.0.0.2, .6 and .8: nine each.
  check_exactly_once(lab.database, 27);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM sites WHERE url LIKE 'http://127.0.0.2:%' OR url LIKE "
                 "'http://127.0.0.6:%' OR url LIKE 'http://127.0.0.8:%'") == 27);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM runs WHERE shard_index = 1 AND shard_count "
                 "= 4 AND run_label = 'night-1' AND status = 'done'") == 1);
}

}  // namespace geocrawl::testing
