#include "crawler/changes/site_changes.hpp"
#include "crawler/changes/site_host.hpp"

#include <doctest/doctest.h>

#include <map>

#include "crawler/store/export_reader.hpp"
#include "tests/support/run_history_database.hpp"

namespace geocrawl {

namespace {

using testing::run_history_database;

// A change as one comparable line: "drugs_added jp '' → 'sildenafil'".
std::string line_of(const site_change& change) {
  return std::string(to_string(change.kind)) + " " + change.vantage + " '" + change.before +
         "' → '" + change.after + "'";
}

struct site_report {
  std::optional<std::int64_t> previous_run;
  std::vector<std::string> changes;
};

// Each URL the run's history names (its sites and the ones gone), with its changes.
std::map<std::string, site_report> changes_of(const run_history_database& database,
                                              history_request request) {
  export_reader reader(database.file);
  request.domain_of = registrar_domain;
  std::map<std::string, site_report> sites;
  reader.site_histories(request, [&](const site_history& history) {
    auto& site = sites[history.now ? history.now->url : history.before->url];
    if (history.before) site.previous_run = history.before->run_id;
    for (const auto& change : site_changes(history)) site.changes.push_back(line_of(change));
  });
  return sites;
}

vantage_state page(std::string vantage, std::string title = "Shop") {
  return {.vantage = std::move(vantage), .final_url = "https://shop.example/", .title = title};
}

vantage_state failure(std::string vantage) {
  return {.vantage = std::move(vantage), .failed = true};
}

site_history history_of(std::string verdict_before, std::vector<vantage_state> before,
                        std::string verdict_now, std::vector<vantage_state> now) {
  return {
      site_state{1, "https://shop.example/", std::move(verdict_before), "default",
                 std::move(before)},
      site_state{2, "https://shop.example/", std::move(verdict_now), "default", std::move(now)}};
}

std::vector<std::string> lines_of(const site_history& history) {
  std::vector<std::string> lines;
  for (const auto& change : site_changes(history)) lines.push_back(line_of(change));
  return lines;
}

}  // namespace

TEST_CASE("the night a site turns cloaked: verdict, hosts moved, drugs added, new and gone sites") {
  const run_history_database database;
  const auto sites = changes_of(database, {.run_id = database.cloaked});
  REQUIRE(sites.size() == 3);
  const auto& shop = sites.at("https://shop.example/");
  CHECK(shop.previous_run == database.first);
  CHECK(shop.changes == std::vector<std::string>{
                            "newly_cloaked  'consistent' → 'cloaked'",
                            "host_moved default 'shop.example' → 'www.shop.example'",
                            "domain_moved jp 'shop.example' → 'pharma.example'",
                            "drugs_added jp '' → 'sildenafil'",
                        });
  CHECK(sites.at("https://new.example/").changes == std::vector<std::string>{"new_site  '' → ''"});
  const auto& clinic = sites.at("https://clinic.example/");
  CHECK(clinic.previous_run == database.first);
  CHECK(clinic.changes == std::vector<std::string>{"site_gone  '' → ''"});
}

TEST_CASE("each site is compared with its newest finished earlier run, a failed run skipped") {
  const run_history_database database;
  const auto sites = changes_of(database, {.run_id = database.latest});
  REQUIRE(sites.size() == 3);
  const auto& shop = sites.at("https://shop.example/");
  CHECK(shop.previous_run == database.cloaked);  // not the failed run after it
  // Nothing per view; the registrar it escaped to in run 4, against what run 2 knew: the lookup
  // rate limited after run 2's found one, and the one timed out in the failed run 3, are none.
  CHECK(shop.changes == std::vector<std::string>{
                            "now_unreachable  'cloaked' → 'unreachable'",
                            "registrar_changed  '" + std::string(testing::first_registrar) +
                                "' → '" + std::string(testing::escaped_to_registrar) + "'",
                        });
  const auto& clinic = sites.at("https://clinic.example/");
  CHECK(clinic.previous_run == database.first);  // run 2 did not have it
  // Its lookup in run 4 was rate limited: it still had the registrar run 1 found.
  CHECK(clinic.changes ==
        std::vector<std::string>{
            "verdict_changed  'consistent' → 'inconclusive'",
            "page_state_changed default '' → 'suspended'",
            "title_changed default 'Clinic' → '" + std::string(testing::hostile_title) + "'",
        });
  // Gone against the newest finished run over the same sites file: run 2.
  CHECK(sites.at("https://new.example/").changes == std::vector<std::string>{"site_gone  '' → ''"});
}

TEST_CASE("--since compares every site with that one run, a run without an earlier one is new") {
  const run_history_database database;
  const auto since_first =
      changes_of(database, {.run_id = database.latest, .since = database.first});
  REQUIRE(since_first.size() == 2);  // run 1 has no site that run 4 lacks
  CHECK(since_first.at("https://shop.example/").previous_run == database.first);
  CHECK(since_first.at("https://shop.example/").changes ==
        std::vector<std::string>{
            "now_unreachable  'consistent' → 'unreachable'",
            "registrar_changed  '" + std::string(testing::first_registrar) + "' → '" +
                std::string(testing::escaped_to_registrar) + "'",
        });

  const auto first = changes_of(database, {.run_id = database.first});
  REQUIRE(first.size() == 2);
  for (const auto& [url, site] : first) {
    CHECK(site.previous_run == std::nullopt);
    CHECK(site.changes == std::vector<std::string>{"new_site  '' → ''"});
  }
}

TEST_CASE("verdict changes: back online, no longer cloaked, a site first compared") {
  CHECK(lines_of(history_of("unreachable", {failure("default"), failure("jp")}, "consistent",
                            {page("default"), page("jp")})) ==
        std::vector<std::string>{"reachable_again  'unreachable' → 'consistent'"});
  CHECK(lines_of(history_of("cloaked", {page("default"), page("jp")}, "consistent",
                            {page("default"), page("jp")})) ==
        std::vector<std::string>{"no_longer_cloaked  'cloaked' → 'consistent'"});
  // A single view had no verdict: its first comparison is no change of verdict.
  CHECK(lines_of(history_of("", {page("default")}, "consistent", {page("default"), page("jp")}))
            .empty());
  CHECK(lines_of(history_of("", {page("default")}, "cloaked", {page("default"), page("jp")})) ==
        std::vector<std::string>{"newly_cloaked  '' → 'cloaked'"});
}

TEST_CASE("the registrar is compared only where both runs knew it, by name and IANA ID") {
  auto history = history_of("consistent", {page("default")}, "consistent", {page("default")});
  const registrar_identity alpha{"Alpha", "1001"};
  history.before->registrar = alpha;
  CHECK(lines_of(history).empty());  // no lookup had found it by the later run
  history.now->registrar = alpha;
  CHECK(lines_of(history).empty());
  history.now->registrar = registrar_identity{"Alpha", "1002"};
  CHECK(lines_of(history) ==
        std::vector<std::string>{
            "registrar_changed  'Alpha (IANA ID 1001)' → 'Alpha (IANA ID 1002)'"});
  history.now->registrar = registrar_identity{"", "2002"};
  history.before->registrar = registrar_identity{"Alpha", ""};
  CHECK(lines_of(history) ==
        std::vector<std::string>{"registrar_changed  'Alpha' → 'IANA ID 2002'"});
  history.before->registrar.reset();
  CHECK(lines_of(history).empty());
}

TEST_CASE("per-vantage changes need a page from that vantage in both runs") {
  auto drugs_gone = page("jp", "Other");
  drugs_gone.final_url = "https://shop.example/other";
  auto with_drugs = page("jp");
  with_drugs.drugs = {"sildenafil", "tadalafil"};
  drugs_gone.drugs = {"tadalafil"};
  CHECK(lines_of(history_of("cloaked", {page("default"), with_drugs}, "cloaked",
                            {page("default"), drugs_gone})) ==
        std::vector<std::string>{"drugs_gone jp 'sildenafil' → ''"});  // jp's title: no baseline
  CHECK(lines_of(history_of("cloaked", {page("default"), failure("jp")}, "inconclusive",
                            {page("default"), drugs_gone})) ==
        std::vector<std::string>{"no_longer_cloaked  'cloaked' → 'inconclusive'"});
}

}  // namespace geocrawl
