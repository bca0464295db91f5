#include "crawler/store/run_pruner.hpp"

#include <doctest/doctest.h>

#include "crawler/store/export_reader.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/sha256.hpp"
#include "tests/support/database_checks.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

view page_view(std::string vantage, const std::string& url, const std::string& body) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = url;
  record.final_url = url;
  record.status = 200;
  record.redirects = {{url + "old", 301, redirect_kind::location}, {url, 200}};
  record.body = body;
  record.sha256 = "sha-" + body;
  record.fetched_at = "2026-11-27T01:00:00.000Z";
  auto& analysis = record.analysis.emplace();
  analysis.found.drugs = {{"viagra", "sildenafil", "ed", 1}};
  return record;
}

site_comparison verdict_of(cloaking_verdict verdict) {
  return {verdict, {{"jp", "default", verdict, 0.5, {}}}};
}

std::int64_t count(sqlite_db& db, const std::string& sql) {
  auto query = db.prepare(sql);
  query.step();
  return query.column_int(0);
}

// A database whose crawl runs each hold a cloaked site (its body unique to the run) and a
// consistent one (its body shared by every run), plus a proxy check.
struct nightly_database {
  testing::temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::vector<std::int64_t> runs;

  explicit nightly_database(int nights) {
    store database(file);
    for (int night = 0; night < nights; ++night) add_run(database, run_status::done);
  }

  std::int64_t add_run(store& database, run_status status) {
    const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
    const auto night = std::to_string(run);
    database.record_site(run, "https://cloaked.example/",
                         {page_view("default", "https://cloaked.example/", "plain " + night),
                          page_view("jp", "https://cloaked.example/", "shop " + night)},
                         verdict_of(cloaking_verdict::cloaked));
    database.record_site(run, "https://same.example/",
                         {page_view("default", "https://same.example/", "same page"),
                          page_view("jp", "https://same.example/", "same page")},
                         verdict_of(cloaking_verdict::consistent));
    database.record_proxy_checks(
        run, {{"jp1", "socks5://127.0.0.2:1080", "JP", "127.0.0.2", {}, {}, {}, ""}});
    if (status != run_status::running) database.finish_run(run, status);
    runs.push_back(run);
    return run;
  }

  void check_consistent() const { testing::check_database_consistent(file); }
};

retention_policy keep_last(std::int64_t runs) {
  retention_policy policy;
  policy.keep_last = runs;
  return policy;
}

}  // namespace

TEST_CASE("a new database is created with incremental auto-vacuum") {
  nightly_database database(1);
  run_pruner pruner(database.file);
  CHECK_FALSE(pruner.needs_vacuum_conversion());
}

TEST_CASE("an older database without auto-vacuum is converted once") {
  testing::temp_dir dir;
  const auto file = dir.path() / "old.db";
  {
    sqlite_db db(file);
    db.exec("CREATE TABLE t (x INTEGER)");  // a table first: auto_vacuum cannot take effect
  }
  { store database(file); }
  run_pruner pruner(file);
  CHECK(pruner.needs_vacuum_conversion());
  pruner.convert_to_incremental_vacuum();
  CHECK_FALSE(pruner.needs_vacuum_conversion());
}

TEST_CASE("keep-last removes whole old runs and bodies no remaining view uses") {
  nightly_database database(3);
  const auto first_plain = "sha-plain " + std::to_string(database.runs[0]);
  {
    // A stored analysis of a body that goes, and of one that stays.
    sqlite_db db(database.file);
    db.exec("INSERT INTO analyses VALUES ('" + first_plain +
            "', 'text/html', 'a1', 'none', x'00'), "
            "('sha-same page', 'text/html', 'a1', 'none', x'00')");
  }
  run_pruner pruner(database.file);
  const auto result = pruner.prune(keep_last(1));
  CHECK(result.counts.runs == std::vector<std::int64_t>{database.runs[0], database.runs[1]});
  CHECK(result.counts.sites == 4);
  CHECK(result.counts.views == 8);
  CHECK(result.counts.bodies == 4);  // "plain N" and "shop N" of two runs; "same page" stays
  CHECK(result.counts.kept_sites == 0);
  database.check_consistent();

  sqlite_db db(database.file);
  CHECK(count(db, "SELECT count(*) FROM sites") == 2);
  CHECK(count(db, "SELECT count(*) FROM views") == 4);
  CHECK(count(db, "SELECT count(*) FROM bodies") == 3);
  CHECK(count(db, "SELECT count(*) FROM bodies WHERE sha256 = 'sha-same page'") == 1);
  CHECK(count(db, "SELECT count(*) FROM view_drugs") == 4);
  CHECK(count(db, "SELECT count(*) FROM view_redirects") == 8);
  CHECK(count(db, "SELECT count(*) FROM comparisons") == 2);
  CHECK(count(db, "SELECT count(*) FROM proxy_checks") == 1);
  CHECK(count(db, "SELECT count(*) FROM runs") == 3);  // the pruned runs' rows stay, as a record
  CHECK(count(db, "SELECT count(*) FROM analyses WHERE body_sha256 = '" + first_plain + "'") == 0);
  CHECK(count(db, "SELECT count(*) FROM analyses WHERE body_sha256 = 'sha-same page'") == 1);
}

TEST_CASE("a pruned run says when it was pruned, the latest run skips it") {
  nightly_database database(2);
  run_pruner(database.file).prune(keep_last(1));
  store reopened(database.file);
  const auto lookup = reopened.look_up(database.runs[0]);
  CHECK(lookup.presence == run_presence::pruned);
  CHECK(describe_presence(database.runs[0], lookup)
            .starts_with("run " + std::to_string(database.runs[0]) + " was pruned on 20"));
  CHECK(reopened.look_up(database.runs[1]).presence == run_presence::present);
  CHECK(reopened.look_up(99).presence == run_presence::absent);
  CHECK(reopened.find_run(database.runs[0])->presence.presence == run_presence::pruned);

  export_reader reader(database.file);
  CHECK(reader.latest_run() == database.runs[1]);
  CHECK(reader.look_up(database.runs[0]).presence == run_presence::pruned);
}

TEST_CASE("keep-verdict keeps the sites with that verdict and their evidence") {
  nightly_database database(2);
  auto policy = keep_last(1);
  policy.keep_verdicts = {cloaking_verdict::cloaked};
  const auto result = run_pruner(database.file).prune(policy);
  CHECK(result.counts.sites == 1);
  CHECK(result.counts.kept_sites == 1);
  CHECK(result.counts.bodies == 0);  // the consistent site's body is shared with run 2
  database.check_consistent();

  sqlite_db db(database.file);
  const auto first = std::to_string(database.runs[0]);
  CHECK(count(db, "SELECT count(*) FROM sites WHERE run_id = " + first +
                      " AND verdict = 'cloaked'") == 1);
  CHECK(count(db, "SELECT count(*) FROM sites WHERE run_id = " + first) == 1);
  CHECK(count(db,
              "SELECT count(*) FROM views JOIN sites ON sites.id = views.site_id "
              "WHERE run_id = " +
                  first) == 2);
  CHECK(count(db, "SELECT count(*) FROM bodies WHERE sha256 = 'sha-shop " + first + "'") == 1);
  CHECK(count(db, "SELECT count(*) FROM proxy_checks WHERE run_id = " + first) == 1);
  store reopened(database.file);
  const auto lookup = reopened.look_up(database.runs[0]);
  CHECK(lookup.presence == run_presence::partly_pruned);
  CHECK(lookup.kept_sites == 1);
}

TEST_CASE("the newest done run and unfinished runs are never pruned, abandoned ones are") {
  nightly_database database(1);
  std::int64_t running = 0;
  std::int64_t interrupted = 0;
  std::int64_t failed = 0;
  std::int64_t abandoned = 0;
  {
    store writer(database.file);
    running = database.add_run(writer, run_status::running);
    interrupted = database.add_run(writer, run_status::interrupted);
    failed = database.add_run(writer, run_status::failed);
    abandoned = database.add_run(writer, run_status::failed);
    writer.abandon_run(abandoned);
  }
  retention_policy everything;
  everything.older_than_days = 0;
  everything.now = std::chrono::system_clock::now() + std::chrono::hours(24);
  const auto result = run_pruner(database.file).prune(everything);
  CHECK(result.counts.runs == std::vector<std::int64_t>{abandoned});
  store reopened(database.file);
  for (const auto kept : {database.runs[0], running, interrupted, failed})
    CHECK(reopened.look_up(kept).presence == run_presence::present);
}

TEST_CASE("older-than prunes only the runs that finished before the cutoff") {
  nightly_database database(3);
  {
    sqlite_db db(database.file);
    db.exec("UPDATE runs SET finished_at = '2026-01-01T00:00:00.000Z' WHERE id = " +
            std::to_string(database.runs[0]));
  }
  retention_policy policy;
  policy.older_than_days = 30;
  CHECK(run_pruner(database.file).prune(policy).counts.runs ==
        std::vector<std::int64_t>{database.runs[0]});
}

TEST_CASE("a dry run counts what the prune then removes, and changes nothing") {
  nightly_database database(4);
  auto policy = keep_last(2);
  const auto plan = run_pruner(database.file).plan(policy);
  {
    sqlite_db db(database.file);
    CHECK(count(db, "SELECT count(*) FROM sites") == 8);
    CHECK(count(db, "SELECT count(*) FROM runs WHERE pruning_started_at IS NOT NULL") == 0);
  }
  CHECK(plan.estimated_bytes >= plan.counts.body_bytes);
  CHECK(plan.counts.body_bytes > 0);
  const auto result = run_pruner(database.file).prune(policy);
  CHECK(plan.counts.runs == result.counts.runs);
  CHECK(plan.counts.sites == result.counts.sites);
  CHECK(plan.counts.views == result.counts.views);
  CHECK(plan.counts.bodies == result.counts.bodies);
  CHECK(plan.counts.body_bytes == result.counts.body_bytes);
}

TEST_CASE("a prune cut short is finished by the next, with the verdicts it was to keep") {
  nightly_database database(3);
  {
    // As a prune killed after marking run 1 (keeping cloaked sites) and deleting a site.
    sqlite_db db(database.file);
    db.exec("PRAGMA foreign_keys = ON");
    const auto first = std::to_string(database.runs[0]);
    db.exec(
        "UPDATE runs SET pruning_started_at = '2026-12-01T00:00:00.000Z', "
        "pruning_keeps = '[\"cloaked\"]' WHERE id = " +
        first);
  }
  {
    store reopened(database.file);
    CHECK(reopened.look_up(database.runs[0]).presence == run_presence::being_pruned);
  }
  // A policy that selects no run of its own still finishes the one begun.
  const auto result = run_pruner(database.file).prune(keep_last(10));
  CHECK(result.counts.runs == std::vector<std::int64_t>{database.runs[0]});
  CHECK(result.counts.kept_sites == 1);
  database.check_consistent();
  store reopened(database.file);
  CHECK(reopened.look_up(database.runs[0]).presence == run_presence::partly_pruned);
}

TEST_CASE("batches of one site and small vacuum steps give the same end state, pages freed") {
  nightly_database database(3);
  {
    store writer(database.file);
    // A big body unique to the first run, so freeing it shows in the file's size.
    writer.record_site(database.runs[0], "https://big.example/",
                       {page_view("default", "https://big.example/",
                                  std::string(400'000, 'x') + "incompressible?")},
                       {});
  }
  run_pruner pruner(database.file, {.sites_per_batch = 1, .pages_per_vacuum = 8});
  const auto result = pruner.prune(keep_last(1));
  CHECK(result.counts.sites == 5);
  CHECK(result.freed_bytes > 0);
  database.check_consistent();
  sqlite_db db(database.file);
  CHECK(count(db, "PRAGMA freelist_count") == 0);
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("prune removes rendered views, their requests, DOMs and screenshots with their run") {
  testing::temp_dir dir;
  const auto file = dir.path() / "geocrawl.db";
  std::vector<std::int64_t> runs;
  {
    store database(file);
    for (int night = 0; night < 2; ++night) {
      const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
      const auto tag = std::to_string(run);
      auto jp = page_view("jp", "https://cloaked.example/", "shell " + tag);
      auto& page = jp.rendered.emplace();
      page.final_url = "https://cloaked.example/";
      page.dom = "rendered shop " + tag;
      page.dom_sha256 = "sha-" + page.dom;
      page.screenshot_png = "png " + tag;
      page.requests.requests = {{relay_method::forward, "GET", "http://cloaked.example/a.js"}};
      // The last night's served body is the first night's rendered DOM: a body used both ways
      // stays while any use remains.
      auto plain = page_view("default", "https://cloaked.example/", "plain " + tag);
      if (night == 1) {
        plain.body = "rendered shop " + std::to_string(runs[0]);
        plain.sha256 = "sha-" + plain.body;
      }
      database.record_site(run, "https://cloaked.example/", {plain, jp},
                           verdict_of(cloaking_verdict::cloaked));
      database.finish_run(run, run_status::done);
      runs.push_back(run);
    }
  }
  sqlite_db db(file);
  CHECK(count(db, "SELECT count(*) FROM rendered_views") == 2);
  CHECK(count(db, "SELECT count(*) FROM rendered_requests") == 2);
  // Each night: a served shell, a plain page (the second night's is the first's DOM), a DOM and a
  // screenshot.
  CHECK(count(db, "SELECT count(*) FROM bodies") == 7);

  run_pruner pruner(file);
  const auto dry = pruner.plan(keep_last(1));
  // The first night's shell, plain page and screenshot go; its DOM is the second's served body.
  CHECK(dry.counts.bodies == 3);
  const auto result = pruner.prune(keep_last(1));
  CHECK(result.counts.runs == std::vector<std::int64_t>{runs[0]});
  CHECK(result.counts.bodies == 3);
  testing::check_database_consistent(file);
  CHECK(count(db, "SELECT count(*) FROM rendered_views") == 1);
  CHECK(count(db, "SELECT count(*) FROM rendered_requests") == 1);
  CHECK(count(db, "SELECT count(*) FROM bodies") == 4);
  const auto first = std::to_string(runs[0]);
  CHECK(count(db, "SELECT count(*) FROM bodies WHERE sha256 = 'sha-rendered shop " + first + "'") ==
        1);
  CHECK(count(db, "SELECT count(*) FROM bodies WHERE sha256 = '" + sha256_hex("png " + first) +
                      "'") == 0);
}

}  // namespace geocrawl
