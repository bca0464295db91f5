#include "crawler/store/store.hpp"

#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "crawler/http/fetch_error.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store_schema.hpp"
#include "proxies/dial_error.hpp"

namespace geocrawl {

namespace {

// A fresh database path under the temp directory, removed with its WAL files afterwards.
struct temp_database {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("geocrawl-store-test-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter++) + ".db");
  ~temp_database() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
  static inline int counter = 0;
};

view sample_view(std::string vantage, std::string body) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = "http://shop.example/";
  record.final_url = "http://shop.example/home";
  record.status = 200;
  record.redirects = {{"http://shop.example/", 302}, {"http://shop.example/home", 200}};
  record.response_headers = {{"Content-Type", "text/html"}, {"Set-Cookie", "a=1"}};
  record.content_type = "text/html";
  record.body = std::move(body);
  record.wire_bytes = record.body.size();
  record.sha256 = "sha-" + record.body.substr(0, 8);
  record.tls.emplace();
  record.tls->version = "TLSv1.3";
  record.tls->verify_error = "self-signed";
  record.fetched_at = "2026-11-27T00:00:00.000Z";
  return record;
}

// A database as geocrawl left it at schema `version`: the first `version` migrations applied.
void migrate_to(sqlite_db& db, std::size_t version) {
  for (std::size_t i = 0; i < version; ++i) db.exec(store_migrations()[i]);
  db.exec("PRAGMA user_version = " + std::to_string(version));
}

// A run of one site with one view (no body yet): the rows the migration tests add theirs to.
const std::string one_view_rows = R"sql(
INSERT INTO runs (id, command, started_at, status, config_source) VALUES (1, 'crawl', 't', 'done', 'x');
INSERT INTO sites (id, run_id, url) VALUES (1, 1, 'http://a.example/');
INSERT INTO views (id, site_id, vantage, requested_url, status, bytes, wire_bytes, truncated,
  dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, fetched_at)
VALUES (1, 1, 'default', 'http://a.example/', 200, 3, 3, 0, 0, 0, 0, 0, 0, 't');
)sql";

// A database written at schema `version` holding `rows` (SQL), then opened by the store, which
// migrates it to the current schema.
void open_written_at(const std::filesystem::path& file, std::size_t version,
                     const std::string& rows) {
  {
    sqlite_db db(file);
    migrate_to(db, version);
    db.exec(rows);
  }
  store database(file);
}

}  // namespace

TEST_CASE("a new file is migrated to the current schema in WAL mode") {
  temp_database file;
  { store database(file.path); }
  sqlite_db db(file.path);
  CHECK(db.user_version() == store_schema_version());
  auto mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.column_text(0) == "wal");
  { store reopened(file.path); }  // migrating twice is a no-op
  CHECK(db.user_version() == store_schema_version());
}

TEST_CASE("a database from a newer geocrawl is refused") {
  temp_database file;
  {
    sqlite_db db(file.path);
    db.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_AS(store(file.path), sqlite_error);
}

TEST_CASE("a site's views round-trip with redirects, headers, TLS and a deduplicated body") {
  temp_database file;
  const std::string page(10000, 'x');
  {
    store database(file.path);
    const auto run =
        database.begin_run({run_kind::fetch, "built-in default", "http://shop.example/"});
    auto failed = sample_view("jp", "");
    failed.status = 0;
    failed.redirects.clear();
    failed.tls.reset();
    failed.error = view_error{make_error_code(dial_errc::timeout), "connecting timed out"};
    database.record_site(run, "http://shop.example/",
                         {sample_view("default", page), sample_view("mobile", page), failed}, {});
    database.finish_run(run, run_status::done);
  }
  sqlite_db db(file.path);
  auto views = db.prepare(
      "SELECT vantage, status, final_url, bytes, body_sha256, tls_version, tls_verified, "
      "tls_verify_error, "
      "error_code, error_message FROM views ORDER BY id");
  REQUIRE(views.step());
  CHECK(views.column_text(0) == "default");
  CHECK(views.column_int(1) == 200);
  CHECK(views.column_text(2) == "http://shop.example/home");
  CHECK(views.column_int(3) == 10000);
  CHECK(views.column_text(4) == "sha-xxxxxxxx");
  CHECK(views.column_text(5) == "TLSv1.3");
  CHECK(views.column_int(6) == 0);
  CHECK(views.column_text(7) == "self-signed");
  CHECK(views.column_is_null(8));
  REQUIRE(views.step());
  REQUIRE(views.step());
  CHECK(views.column_text(0) == "jp");
  CHECK(views.column_is_null(4));
  CHECK(views.column_text(8) == "timeout");
  CHECK(views.column_text(9) == "connecting timed out");
  CHECK_FALSE(views.step());

  auto bodies =
      db.prepare("SELECT count(*), sum(size), max(compression), max(length(data)) FROM bodies");
  REQUIRE(bodies.step());
  CHECK(bodies.column_int(0) == 1);  // two views, one stored body
  CHECK(bodies.column_int(1) == 10000);
  CHECK(bodies.column_text(2) == "zstd");
  CHECK(bodies.column_int(3) < 1000);

  auto redirects =
      db.prepare("SELECT url, status FROM view_redirects WHERE view_id = 1 ORDER BY position");
  REQUIRE(redirects.step());
  CHECK(redirects.column_int(1) == 302);
  REQUIRE(redirects.step());
  CHECK(redirects.column_text(0) == "http://shop.example/home");
  auto headers =
      db.prepare("SELECT name, value FROM view_headers WHERE view_id = 2 ORDER BY position");
  REQUIRE(headers.step());
  CHECK(headers.column_text(0) == "Content-Type");
  auto run = db.prepare("SELECT command, status, finished_at IS NOT NULL FROM runs");
  REQUIRE(run.step());
  CHECK(run.column_text(0) == "fetch");
  CHECK(run.column_text(1) == "done");
  CHECK(run.column_int(2) == 1);
}

TEST_CASE("a site is stored whole or not at all") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::fetch, "built-in default", "x"});
  database.record_site(run, "http://a.example/", {sample_view("default", "a")}, {});
  // The same site again violates UNIQUE (run_id, url): nothing of the second attempt stays.
  CHECK_THROWS_AS(database.record_site(run, "http://a.example/", {sample_view("default", "b")}, {}),
                  sqlite_error);
  sqlite_db db(file.path);
  auto count = db.prepare(
      "SELECT (SELECT count(*) FROM sites), (SELECT count(*) FROM views), (SELECT count(*) FROM "
      "bodies)");
  REQUIRE(count.step());
  CHECK(count.column_int(0) == 1);
  CHECK(count.column_int(1) == 1);
  CHECK(count.column_int(2) == 1);
}

TEST_CASE("page content only ever reaches SQL as bound parameters") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::fetch, "built-in default", "x"});
  auto hostile = sample_view("default", "'); DROP TABLE views; --");
  hostile.response_headers = {{"X-Evil", "\"; DELETE FROM runs; --"}};
  database.record_site(run, "http://a.example/'--", {hostile}, {});
  sqlite_db db(file.path);
  auto check = db.prepare("SELECT value FROM view_headers");
  REQUIRE(check.step());
  CHECK(check.column_text(0) == "\"; DELETE FROM runs; --");
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("a database written by schema version 1 is migrated forward with its rows") {
  temp_database file;
  open_written_at(
      file.path, 1,
      "INSERT INTO runs (command, started_at, status, config_source) VALUES ('fetch', 't', "
      "'done', 'x')");
  sqlite_db db(file.path);
  CHECK(db.user_version() == store_schema_version());
  auto runs = db.prepare("SELECT count(*) FROM runs");
  REQUIRE(runs.step());
  CHECK(runs.column_int(0) == 1);
  auto columns = db.prepare(
      "SELECT count(*) FROM pragma_table_info('views') WHERE name IN ('title', 'no_rx', "
      "'charset')");
  REQUIRE(columns.step());
  CHECK(columns.column_int(0) == 3);
}

TEST_CASE("a view's page analysis is stored with its drugs, phrases and script redirects") {
  temp_database file;
  auto record = sample_view("jp", "<html>shop</html>");
  page_analysis analysis;
  analysis.charset = "shift_jis";
  analysis.charset_source = "meta";
  analysis.page.title = "バイアグラ通販";
  analysis.page.lang = "ja";
  analysis.page.refresh = meta_refresh{.delay_seconds = 0.5, .url = "https://shop.example/cart"};
  analysis.page.script_redirects = {{"location.href", "https://other.example/"},
                                    {"location.replace", ""}};
  analysis.page.external_hosts = {"other.example"};
  analysis.found.drugs = {{"バイアグラ", "sildenafil", "erectile_dysfunction", 3}};
  analysis.found.no_rx = true;
  analysis.found.no_rx_phrases = {"処方箋不要"};
  analysis.found.signals = {"commerce_cart"};
  record.analysis = analysis;
  {
    store database(file.path);
    database.record_site(database.begin_run({run_kind::fetch, "built-in default", "x"}),
                         "http://shop.example/", {record}, {});
  }
  sqlite_db db(file.path);
  auto view = db.prepare(
      "SELECT analysed, title, lang, charset, charset_source, no_rx, meta_refresh_url, "
      "meta_refresh_delay FROM views");
  REQUIRE(view.step());
  CHECK(view.column_int(0) == 1);
  CHECK(view.column_text(1) == "バイアグラ通販");
  CHECK(view.column_text(2) == "ja");
  CHECK(view.column_text(3) == "shift_jis");
  CHECK(view.column_text(4) == "meta");
  CHECK(view.column_int(5) == 1);
  CHECK(view.column_text(6) == "https://shop.example/cart");
  CHECK(view.column_text(7) == "0.5");
  auto drugs = db.prepare("SELECT drug, term, count FROM view_drugs");
  REQUIRE(drugs.step());
  CHECK(drugs.column_text(0) == "sildenafil");
  CHECK(drugs.column_int(2) == 3);
  auto phrases = db.prepare("SELECT kind || ':' || value FROM view_phrases ORDER BY kind, value");
  std::vector<std::string> stored;
  while (phrases.step()) stored.push_back(phrases.column_text(0));
  CHECK(stored == std::vector<std::string>{"external_host:other.example", "no_rx:処方箋不要",
                                           "signal:commerce_cart"});
  auto scripts =
      db.prepare("SELECT pattern, target IS NULL FROM view_script_redirects ORDER BY position");
  REQUIRE(scripts.step());
  CHECK(scripts.column_text(0) == "location.href");
  REQUIRE(scripts.step());
  CHECK(scripts.column_int(1) == 1);
}

}  // namespace geocrawl

namespace geocrawl {

namespace {

site_entry listed(std::string url, std::size_t line) {
  return {.line = line, .url = std::move(url), .fallback_url = "", .labels_json = ""};
}

}  // namespace

TEST_CASE("a crawl's work list: duplicates counted, pending sites paged in id order") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt", "hash-1"});
  CHECK(database.add_sites(run, {listed("http://a.example/", 1), listed("http://b.example/", 2),
                                 listed("http://a.example/", 3)}) == 2);
  CHECK(database.add_sites(run, {listed("http://b.example/", 4), listed("http://c.example/", 5)}) ==
        1);
  database.set_run_input(run, 3, 7, 2);

  const auto first = database.pending_sites(run, 0, 2);
  REQUIRE(first.size() == 2);
  CHECK(first[0].url == "http://a.example/");
  CHECK(first[1].url == "http://b.example/");
  const auto rest = database.pending_sites(run, first.back().id, 2);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].url == "http://c.example/");

  const auto info = database.find_run(run);
  REQUIRE(info);
  CHECK(info->config_hash == "hash-1");
  CHECK(info->sites_total == 3);
  CHECK(info->bad_lines == 7);
  CHECK(info->duplicates == 2);
  CHECK(info->status == run_status::running);
}

TEST_CASE("a site is finished once: a second finish of it stores nothing") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt", ""});
  database.add_sites(run, {listed("http://a.example/", 1), listed("http://b.example/", 2)});
  const auto pending = database.pending_sites(run, 0, 10);
  REQUIRE(pending.size() == 2);

  site_comparison verdict{cloaking_verdict::cloaked,
                          {{"jp", "direct", cloaking_verdict::cloaked, 0.9, {"a shop for JP"}}}};
  finished_site site{
      pending[0].id,
      {sample_view("direct", "<p>under construction</p>"), sample_view("jp", "<p>shop</p>")},
      verdict};
  CHECK(database.finish_sites(run, {site}) == std::vector<bool>{true});
  CHECK(database.finish_sites(run, {site}) == std::vector<bool>{false});

  const auto left = database.pending_sites(run, 0, 10);
  REQUIRE(left.size() == 1);
  CHECK(left[0].id == pending[1].id);
  CHECK(database.find_run(run)->sites_done == 1);

  sqlite_db db(file.path);
  auto views = db.prepare("SELECT count(*) FROM views WHERE site_id = ?");
  views.bind(1, pending[0].id);
  REQUIRE(views.step());
  CHECK(views.column_int(0) == 2);
  auto comparisons = db.prepare("SELECT count(*) FROM comparisons");
  REQUIRE(comparisons.step());
  CHECK(comparisons.column_int(0) == 1);

  const auto totals = database.totals_of(run);
  CHECK(totals.verdicts == std::map<std::string, std::int64_t>{{"cloaked", 1}});
  CHECK(totals.errors.empty());
}

TEST_CASE("resuming finds the newest unfinished crawl run") {
  temp_database file;
  store database(file.path);
  CHECK_FALSE(database.latest_unfinished_crawl());
  const auto older = database.begin_run({run_kind::crawl, "built-in default", "a.txt", ""});
  const auto fetch =
      database.begin_run({run_kind::fetch, "built-in default", "http://x.example/", ""});
  database.finish_run(fetch, run_status::interrupted);
  CHECK(database.latest_unfinished_crawl()->id == older);
  const auto newer = database.begin_run({run_kind::crawl, "built-in default", "b.txt", ""});
  database.finish_run(newer, run_status::interrupted);
  CHECK(database.latest_unfinished_crawl()->id == newer);
  database.finish_run(newer, run_status::done);
  CHECK(database.latest_unfinished_crawl()->id == older);
  database.finish_run(older, run_status::failed);
  database.reopen_run(older);
  CHECK(database.find_run(older)->status == run_status::running);
}

TEST_CASE("a run status that is no run status is refused when read") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::crawl, "built-in default", "a.txt", ""});
  sqlite_db edited(file.path);
  // The CHECK constraint keeps such a word out unless someone edits the file around it.
  edited.exec("PRAGMA ignore_check_constraints = ON");
  edited.exec("UPDATE runs SET status = 'paused'");
  CHECK_THROWS_AS(database.find_run(run), sqlite_error);
}

TEST_CASE("a sites file's rejected lines are kept with the run and dropped with a partial list") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt", ""});
  database.add_sites(run, {listed("http://a.example/", 2)},
                     {{3, "ftp://x.example/: not http or https"}, {1, "a space in the host"}});
  database.add_sites(run, {}, {{7, "the line is not valid UTF-8"}});
  const auto errors = database.input_errors(run);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 1);
  CHECK(errors[0].message == "a space in the host");
  CHECK(errors[2].line == 7);

  database.discard_partial_list(run);
  CHECK(database.input_errors(run).empty());
  CHECK(database.pending_sites(run, 0, 10).empty());
}

TEST_CASE("runs are listed newest first, an abandoned run is failed and no longer resumed") {
  temp_database file;
  store database(file.path);
  const auto crawl = database.begin_run({run_kind::crawl, "built-in default", "a.txt", ""});
  const auto fetch =
      database.begin_run({run_kind::fetch, "built-in default", "http://x.example/", ""});
  database.finish_run(fetch, run_status::done);
  const auto runs = database.all_runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == fetch);
  CHECK_FALSE(runs[0].finished_at.empty());
  CHECK(runs[1].id == crawl);
  CHECK(runs[1].finished_at.empty());
  CHECK_FALSE(runs[1].abandoned);

  CHECK(database.latest_unfinished_crawl()->id == crawl);
  database.abandon_run(crawl);
  const auto abandoned = database.find_run(crawl);
  CHECK(abandoned->status == run_status::failed);
  CHECK(abandoned->abandoned);
  CHECK_FALSE(abandoned->finished_at.empty());
  CHECK_FALSE(database.latest_unfinished_crawl());
}

TEST_CASE("a run's totals name each vantage with views stored without a proxy") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt", ""});
  auto without_proxy = sample_view("jp", "");
  without_proxy.error = make_view_error(dial_failure{dial_errc::no_proxy_for_country, "none"});
  database.record_site(run, "http://a.example/", {sample_view("direct", "<p>a</p>"), without_proxy},
                       {});
  database.record_site(run, "http://b.example/", {sample_view("direct", "<p>b</p>"), without_proxy},
                       {});
  const auto totals = database.totals_of(run);
  CHECK(totals.views_without_proxy == std::map<std::string, std::int64_t>{{"jp", 2}});
  CHECK(totals.errors == std::map<std::string, std::int64_t>{{"no_proxy_for_country", 2}});
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("a comparison without a score is stored as NULL, one with a score as its number") {
  temp_database file;
  store database(file.path);
  const auto run = database.begin_run({run_kind::fetch, "built-in default", "x"});
  auto failed = sample_view("jp", "");
  failed.status = 0;
  failed.error = view_error{make_error_code(dial_errc::timeout), "no answer"};
  database.record_site(
      run, "http://shop.example/",
      {sample_view("default", "<p>page</p>"), failed, sample_view("us", "<p>page</p>")},
      {cloaking_verdict::inconclusive,
       {{"jp", "default", cloaking_verdict::inconclusive, std::nullopt, {"jp failed"}},
        {"us", "default", cloaking_verdict::consistent, 0.0, {"alike"}}}});
  sqlite_db db(file.path);
  auto scores = db.prepare(
      "SELECT vantage, score IS NULL, coalesce(score, -1) FROM comparisons "
      "ORDER BY vantage");
  REQUIRE(scores.step());
  CHECK(scores.column_text(0) == "jp");
  CHECK(scores.column_int(1) == 1);
  REQUIRE(scores.step());
  CHECK(scores.column_text(0) == "us");
  CHECK(scores.column_int(1) == 0);
  CHECK(scores.column_real(2) == 0.0);
}

TEST_CASE(
    "migrating from schema version 20 keeps bodies and analyses, now rowid tables the views "
    "still refer to") {
  temp_database file;
  open_written_at(file.path, 20, one_view_rows + R"sql(
INSERT INTO bodies (sha256, size, compression, data)
VALUES ('sha-a', 3, 'none', x'616263'), ('sha-b', 1, 'none', x'64');
UPDATE views SET body_sha256 = 'sha-a' WHERE id = 1;
INSERT INTO analyses (body_sha256, content_type, analyser, compression, record)
VALUES ('sha-a', 'text/html', 'v1', 'none', x'01'), ('sha-a', 'text/plain', 'v1', 'none', x'02');
)sql");
  sqlite_db db(file.path);
  CHECK(db.user_version() == store_schema_version());
  auto rowid_tables = db.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('bodies', "
      "'analyses') AND sql NOT LIKE '%WITHOUT ROWID%'");
  REQUIRE(rowid_tables.step());
  CHECK(rowid_tables.column_int(0) == 2);
  auto bodies = db.prepare("SELECT sha256, size, data FROM bodies ORDER BY sha256");
  REQUIRE(bodies.step());
  CHECK(bodies.column_text(0) == "sha-a");
  CHECK(bodies.column_int(1) == 3);
  CHECK(bodies.column_text(2) == "abc");
  REQUIRE(bodies.step());
  CHECK(bodies.column_text(0) == "sha-b");
  CHECK_FALSE(bodies.step());
  auto analyses = db.prepare(
      "SELECT content_type, record FROM analyses WHERE body_sha256 = 'sha-a' AND analyser = 'v1' "
      "ORDER BY content_type");
  REQUIRE(analyses.step());
  CHECK(analyses.column_text(0) == "text/html");
  REQUIRE(analyses.step());
  CHECK(analyses.column_text(0) == "text/plain");
  CHECK_FALSE(analyses.step());
  auto violations = db.prepare("SELECT count(*) FROM pragma_foreign_key_check");
  REQUIRE(violations.step());
  CHECK(violations.column_int(0) == 0);
  // The views' foreign key names the rebuilt table: a body a view uses cannot be deleted.
  db.exec("PRAGMA foreign_keys = ON");
  CHECK_THROWS_AS(db.exec("DELETE FROM bodies WHERE sha256 = 'sha-a'"), sqlite_error);
  db.exec("DELETE FROM bodies WHERE sha256 = 'sha-b'");
  // The key stays unique.
  CHECK_THROWS_AS(db.exec("INSERT INTO bodies VALUES ('sha-a', 1, 'none', x'00')"), sqlite_error);
}

TEST_CASE(
    "migrating from schema version 21 keeps view_phrases, whose kind check builds no temporary "
    "B-tree per row") {
  temp_database file;
  open_written_at(file.path, 21, one_view_rows + R"sql(
INSERT INTO view_phrases (view_id, kind, value)
VALUES (1, 'no_rx', 'no prescription'), (1, 'signal', 'commerce_cart'),
       (1, 'external_host', 'pay.example');
)sql");
  sqlite_db db(file.path);
  CHECK(db.user_version() == store_schema_version());
  auto phrases = db.prepare("SELECT kind, value FROM view_phrases ORDER BY kind");
  REQUIRE(phrases.step());
  CHECK(phrases.column_text(0) == "external_host");
  CHECK(phrases.column_text(1) == "pay.example");
  REQUIRE(phrases.step());
  CHECK(phrases.column_text(0) == "no_rx");
  REQUIRE(phrases.step());
  CHECK(phrases.column_text(0) == "signal");
  CHECK_FALSE(phrases.step());
  // The same kinds and only those are allowed, the key stays unique, the view must exist.
  db.exec("PRAGMA foreign_keys = ON");
  CHECK_THROWS_AS(db.exec("INSERT INTO view_phrases VALUES (1, 'other', 'x')"), sqlite_error);
  CHECK_THROWS_AS(db.exec("INSERT INTO view_phrases VALUES (1, 'no_rx', 'no prescription')"),
                  sqlite_error);
  CHECK_THROWS_AS(db.exec("INSERT INTO view_phrases VALUES (2, 'signal', 'x')"), sqlite_error);
  db.exec("INSERT INTO view_phrases VALUES (1, 'signal', 'commerce_price')");
  // What the migration is for: writing a phrase opens no ephemeral table.
  auto program = db.prepare(
      "EXPLAIN INSERT OR IGNORE INTO view_phrases (view_id, kind, value) VALUES (?, ?, ?)");
  std::size_t ephemeral = 0;
  std::size_t opcodes = 0;
  while (program.step()) {
    ++opcodes;
    if (program.column_text(1) == "OpenEphemeral") ++ephemeral;
  }
  CHECK(opcodes > 0);
  CHECK(ephemeral == 0);
}

TEST_CASE(
    "migrating from schema version 5 clears the 0.5 stored for comparisons with a failed side") {
  temp_database file;
  open_written_at(file.path, 5, R"sql(
INSERT INTO runs (id, command, started_at, status, config_source) VALUES (1, 'fetch', 't', 'done', 'x');
INSERT INTO sites (id, run_id, url) VALUES (1, 1, 'http://a.example/');
INSERT INTO views (id, site_id, vantage, requested_url, status, bytes, wire_bytes, truncated,
  dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, fetched_at, error_code)
VALUES (1, 1, 'default', 'http://a.example/', 200, 0, 0, 0, 0, 0, 0, 0, 0, 't', NULL),
       (2, 1, 'jp', 'http://a.example/', 0, 0, 0, 0, 0, 0, 0, 0, 0, 't', 'timeout'),
       (3, 1, 'us', 'http://a.example/', 200, 0, 0, 0, 0, 0, 0, 0, 0, 't', NULL);
INSERT INTO comparisons (site_id, vantage_view_id, baseline_view_id, vantage, baseline, verdict,
  score, reasons)
VALUES (1, 2, 1, 'jp', 'default', 'inconclusive', 0.5, 'jp failed'),
       (1, 3, 1, 'us', 'default', 'inconclusive', 0.5, 'the text differs');
)sql");
  sqlite_db db(file.path);
  CHECK(db.user_version() == store_schema_version());
  auto scores = db.prepare("SELECT vantage, score FROM comparisons ORDER BY vantage");
  REQUIRE(scores.step());
  CHECK(scores.column_text(0) == "jp");
  CHECK(scores.column_is_null(1));
  REQUIRE(scores.step());
  CHECK(scores.column_text(0) == "us");
  CHECK(scores.column_real(1) == 0.5);  // two pages compared: the score stays
  auto indexes = db.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comparisons' "
      "AND name IN ('comparisons_by_site', 'comparisons_by_verdict')");
  REQUIRE(indexes.step());
  CHECK(indexes.column_int(0) == 2);
}

}  // namespace geocrawl
