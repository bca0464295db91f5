#include "tests/support/run_history_database.hpp"

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "proxies/dial_error.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view shop = "https://shop.example/";
constexpr std::string_view clinic = "https://clinic.example/";
constexpr std::string_view new_site = "https://new.example/";

view page_view(std::string_view vantage, std::string_view final_url, std::string_view title) {
  view record;
  record.vantage = vantage;
  record.requested_url = final_url;
  record.final_url = final_url;
  record.status = 200;
  record.redirects = {{std::string(final_url), 200}};
  record.fetched_at = "2026-12-01T01:00:00.000Z";
  record.analysis.emplace().page.title = title;
  return record;
}

view failed_view(std::string_view vantage, std::string_view url) {
  view record;
  record.vantage = vantage;
  record.requested_url = url;
  record.fetched_at = "2026-12-04T01:00:00.000Z";
  record.error = view_error{make_error_code(dial_errc::timeout), "connecting timed out, after 5 s"};
  return record;
}

site_comparison verdict_of(cloaking_verdict verdict) {
  return {verdict, {{"jp", "default", verdict, 0.5, {"a reason"}}}};
}

std::int64_t begin_crawl(store& database) {
  return database.begin_run({run_kind::crawl, "geocrawl.toml", "suspects.csv"});
}

void store_consistent(store& database, std::int64_t run, std::string_view url,
                      std::string_view title) {
  database.record_site(run, url, {page_view("default", url, title), page_view("jp", url, title)},
                       verdict_of(cloaking_verdict::consistent));
}

registrar_record lookup(std::string_view domain, std::string_view at, std::string_view registrar,
                        std::string_view iana_id) {
  registrar_record record;
  record.domain = domain;
  record.looked_up_at = at;
  record.server = "https://rdap.example/domain/" + record.domain;
  record.registrar = registrar;
  record.registrar_iana_id = iana_id;
  return record;
}

registrar_record failed_lookup(std::string_view domain, std::string_view at, rdap_outcome outcome) {
  auto record = lookup(domain, at, "", "");
  record.outcome = outcome;
  record.error = "a test failure";
  return record;
}

// The store stamps runs with the clock; lookups are placed between runs by fixed days instead,
// so each run gets the day its lookups name.
void date_run(const std::filesystem::path& file, std::int64_t run, std::string_view day) {
  sqlite_db db(file);
  db.prepare("UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?")
      .bind(1, std::string(day) + "T01:00:00.000Z")
      .bind(2, std::string(day) + "T02:00:00.000Z")
      .bind(3, run)
      .run();
}

}  // namespace

run_history_database::run_history_database() {
  record_runs();
  date_run(file, first, "2026-12-01");
  date_run(file, cloaked, "2026-12-02");
  date_run(file, failed, "2026-12-03");
  date_run(file, latest, "2026-12-04");
  store database(file);
  database.record_registrars({
      lookup("shop.example", "2026-12-01T01:30:00.000Z", "Alpha Registrar", "1001"),
      lookup("clinic.example", "2026-12-01T01:30:00.000Z", "Alpha Registrar", "1001"),
      lookup("shop.example", "2026-12-02T01:30:00.000Z", "Alpha Registrar", "1001"),
      failed_lookup("shop.example", "2026-12-02T01:40:00.000Z", rdap_outcome::rate_limited),
      failed_lookup("shop.example", "2026-12-03T01:30:00.000Z", rdap_outcome::timed_out),
      lookup("shop.example", "2026-12-04T01:30:00.000Z", "Bravo Registrar, Inc.", "2002"),
      failed_lookup("clinic.example", "2026-12-04T01:30:00.000Z", rdap_outcome::rate_limited),
      lookup("shop.example", "2026-12-04T02:30:00.000Z", "Charlie Registrar", "3003"),
  });
}

void run_history_database::record_runs() {
  store database(file);
  first = begin_crawl(database);
  store_consistent(database, first, shop, "Shop");
  store_consistent(database, first, clinic, "Clinic");
  database.finish_run(first, run_status::done);

  cloaked = begin_crawl(database);
  auto jp = page_view("jp", "https://pharma.example/buy", "Cheap pills");
  jp.analysis->found.drugs = {{"viagra", "sildenafil", "ed", 2}};
  database.record_site(cloaked, shop,
                       {page_view("default", "https://www.shop.example/", "Shop"), jp},
                       verdict_of(cloaking_verdict::cloaked));
  store_consistent(database, cloaked, new_site, "New");
  database.finish_run(cloaked, run_status::done);

  failed = begin_crawl(database);
  store_consistent(database, failed, shop, "Shop");
  database.finish_run(failed, run_status::failed);

  latest = begin_crawl(database);
  database.record_site(latest, shop, {failed_view("default", shop), failed_view("jp", shop)},
                       verdict_of(cloaking_verdict::unreachable));
  auto suspended = page_view("default", clinic, hostile_title);
  suspended.analysis->found.signals = {"page_state_suspended"};
  database.record_site(latest, clinic, {suspended, page_view("jp", clinic, "Clinic")},
                       verdict_of(cloaking_verdict::inconclusive));
  database.finish_run(latest, run_status::done);
}

}  // namespace geocrawl::testing
