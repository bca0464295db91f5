// `geocrawl prune` as a user meets it: a dry run that changes nothing, the prune itself, a
// pruned run reported with its date by export and runs, verdict words checked, and a prune
// killed with SIGKILL mid-way leaving a sound database that the next prune
// finishes, while an export of the newest run reads the same file throughout.
#include <doctest/doctest.h>

#include <csignal>

#include <chrono>
#include <future>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/database_checks.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

// Bytes zstd cannot shrink, so the bodies take the room they say.
std::string noise(std::mt19937& random, std::size_t size) {
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(random() & 0xff);
  return bytes;
}

view stored_view(std::string vantage, const std::string& url, std::string body) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = url;
  record.final_url = url;
  record.status = 200;
  record.sha256 = "sha-" + std::to_string(std::hash<std::string>{}(body));
  record.body = std::move(body);
  record.fetched_at = "2026-11-27T01:00:00.000Z";
  return record;
}

// `runs` done crawl runs of `sites` sites from two vantages, each view with a body of its own.
struct generated_database {
  temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::vector<std::int64_t> runs;

  generated_database(int run_count, int sites, std::size_t body_bytes) {
    std::mt19937 random(24);
    store database(file);
    for (int night = 0; night < run_count; ++night) {
      const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
      for (int site = 0; site < sites; ++site) {
        const auto url = "https://site" + std::to_string(site) + ".example/";
        database.record_site(run, url,
                             {stored_view("default", url, noise(random, body_bytes)),
                              stored_view("jp", url, noise(random, body_bytes))},
                             {cloaking_verdict::consistent,
                              {{"jp", "default", cloaking_verdict::consistent, 0.1, {}}}});
      }
      database.finish_run(run, run_status::done);
      runs.push_back(run);
    }
  }

  std::int64_t count(const std::string& sql) const {
    sqlite_db db(file);
    auto query = db.prepare(sql);
    query.step();
    return query.column_int(0);
  }
};

}  // namespace

TEST_CASE("prune --dry-run says what would go, prune removes it, a pruned run is reported") {
  generated_database database(3, 20, 2'000);
  const auto db = database.file.string();

  const auto plan = run_geocrawl({"prune", "--db", db, "--keep-last", "1", "--dry-run"});
  CHECK(plan.exit_code == 0);
  CHECK(plan.out.find("would remove 2 runs (1, 2): 40 sites, 80 views, 80 bodies") !=
        std::string::npos);
  CHECK(plan.out.find("(an estimate)") != std::string::npos);
  CHECK(database.count("SELECT count(*) FROM sites") == 60);

  const auto pruned = run_geocrawl({"prune", "--db", db, "--keep-last", "1"});
  CHECK(pruned.exit_code == 0);
  CHECK(pruned.out.find("pruned 2 runs (1, 2): 40 sites, 80 views, 80 bodies") !=
        std::string::npos);
  CHECK(database.count("SELECT count(*) FROM sites") == 20);
  check_database_consistent(database.file);

  const auto exported = run_geocrawl({"export", "--db", db, "--run", "1"});
  CHECK(exported.exit_code == 1);
  CHECK(exported.err.find("run 1 was pruned on 20") != std::string::npos);
  const auto listed = run_geocrawl({"runs", "--db", db});
  CHECK(listed.out.find("done (pruned)") != std::string::npos);
  const auto errors = run_geocrawl({"runs", "--db", db, "--errors", "2"});
  CHECK(errors.exit_code == 1);
  CHECK(errors.err.find("run 2 was pruned on") != std::string::npos);
  const auto latest = run_geocrawl({"export", "--db", db});
  CHECK(latest.exit_code == 0);
  CHECK(latest.out.find("https://site0.example/") != std::string::npos);
  const auto shown = run_geocrawl({"show", "https://site0.example/", "--db", db, "--run", "1"});
  CHECK(shown.exit_code == 1);
  CHECK(shown.err.find("run 1 was pruned on 20") != std::string::npos);
  const auto changed = run_geocrawl({"changes", "--db", db, "--since", "2"});
  CHECK(changed.exit_code == 1);
  CHECK(changed.err.find("run 2 was pruned on 20") != std::string::npos);
}

TEST_CASE("prune refuses an unknown verdict and a missing rule") {
  generated_database database(1, 1, 10);
  const auto db = database.file.string();
  const auto verdict =
      run_geocrawl({"prune", "--db", db, "--keep-last", "1", "--keep-verdict", "cloacked"});
  CHECK(verdict.exit_code == 2);
  CHECK(verdict.err.find("cloaked") != std::string::npos);
  CHECK(verdict.err.find("consistent") != std::string::npos);
  const auto no_rule = run_geocrawl({"prune", "--db", db});
  CHECK(no_rule.exit_code == 2);
  CHECK(no_rule.err.find("--keep-last") != std::string::npos);
  const auto both = run_geocrawl({"prune", "--db", db, "--keep-last", "1", "--older-than", "3"});
  CHECK(both.exit_code == 2);
}

TEST_CASE("the first prune of a database without auto-vacuum converts it and says so") {
  temp_dir dir;
  const auto file = dir.path() / "old.db";
  {
    sqlite_db db(file);
    db.exec("CREATE TABLE older (x INTEGER)");  // a table before the store's: no auto-vacuum
  }
  const auto plan = run_geocrawl({"prune", "--db", file.string(), "--keep-last", "1", "--dry-run"});
  CHECK(plan.out.find("would first convert the database") != std::string::npos);
  const auto pruned = run_geocrawl({"prune", "--db", file.string(), "--keep-last", "1"});
  CHECK(pruned.exit_code == 0);
  CHECK(pruned.err.find("to incremental auto-vacuum, once: VACUUM rewrites the whole") !=
        std::string::npos);
  sqlite_db db(file);
  auto mode = db.prepare("PRAGMA auto_vacuum");
  REQUIRE(mode.step());
  CHECK(mode.column_int(0) == 2);
}

TEST_CASE("a prune killed at any point leaves a sound database that the next prune finishes") {
  generated_database database(10, 300, 3'000);
  const auto db = database.file.string();
  const auto sites_before = database.count("SELECT count(*) FROM sites");
  const auto log = (database.dir.path() / "prune.log").string();
  bool killed_mid_prune = false;
  // Each round kills the prune as soon as it has removed sites (watched, not guessed by a
  // delay, so a slow or busy machine kills it mid-way too); the next round goes on from there.
  for (int round = 0; round < 4; ++round) {
    const auto sites_at_start = database.count("SELECT count(*) FROM sites");
    child_process prune({geocrawl_binary(), "prune", "--db", db, "--keep-last", "1"}, log, log);
    // An export of the newest run reads the same file while the prune writes it.
    auto exporting = std::async(std::launch::async, [&] {
      return run_geocrawl({"export", "--db", db, "--run", "10", "--what", "views"});
    });
    bool exited = false;
    for (int poll = 0; poll < 5'000 && !exited; ++poll) {
      if (database.count("SELECT count(*) FROM sites") < sites_at_start) break;
      exited = prune.wait_for(1ms).has_value();
    }
    ::kill(prune.pid(), SIGKILL);
    prune.wait_for(10s);
    const auto exported = exporting.get();
    CHECK(exported.exit_code == 0);
    CHECK(exported.out.find("https://site299.example/") != std::string::npos);
    check_database_consistent(database.file);
    const auto marked = database.count(
        "SELECT count(*) FROM runs WHERE pruning_started_at IS NOT NULL AND pruned_at IS NULL");
    const auto left = database.count("SELECT count(*) FROM sites");
    if (marked > 0 && left < sites_before) killed_mid_prune = true;
  }
  CHECK(killed_mid_prune);

  const auto finished = run_geocrawl({"prune", "--db", db, "--keep-last", "1"});
  CHECK(finished.exit_code == 0);
  check_database_consistent(database.file);
  CHECK(database.count("SELECT count(*) FROM sites") == 300);
  CHECK(database.count("SELECT count(*) FROM views") == 600);
  CHECK(database.count("SELECT count(*) FROM bodies") == 600);
  CHECK(database.count("SELECT count(*) FROM runs WHERE pruned_at IS NOT NULL") == 9);
  CHECK(database.count("PRAGMA freelist_count") == 0);
}

TEST_CASE("a crawl with [retention] prunes after its run is done and says so in its summary") {
  crawl_lab lab("concurrency = 4\nretries = 0\n\n[retention]\nkeep_last = 1\n");
  lab.origin.route("/page", [](const received_request&) { return html("<title>plain</title>"); });
  lab.write_sites({lab.origin.url("/page")});
  const auto first = run_geocrawl(lab.crawl_arguments());
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("retention: pruned 0 runs") != std::string::npos);
  const auto second = run_geocrawl(lab.crawl_arguments());
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("retention: pruned 1 run (1): 1 sites, 2 views") != std::string::npos);
  CHECK(second.out.find("freed") != std::string::npos);
  check_database_consistent(lab.database);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs WHERE pruned_at IS NOT NULL") == 1);
}

}  // namespace geocrawl::testing
