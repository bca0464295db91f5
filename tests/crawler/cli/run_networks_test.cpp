#include "crawler/cli/run_networks.hpp"

#include <unistd.h>
#include <filesystem>
#include <sstream>

#include <doctest/doctest.h>

#include "crawler/store/export_reader.hpp"
#include "crawler/store/network_reader.hpp"
#include "crawler/store/store.hpp"

namespace geocrawl {

namespace {

struct temp_database {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("geocrawl-run-networks-test-" + std::to_string(::getpid()) + ".db");
  ~temp_database() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

view shop_view(const std::string& url, std::vector<page_identifier> identifiers) {
  view record;
  record.vantage = "default";
  record.proxy = "p";  // no address identifier
  record.requested_url = url;
  record.status = 200;
  record.content_type = "text/html";
  record.body = "<p>shop</p>";
  record.sha256 = "body-" + url;
  record.fetched_at = "2026-12-01T00:00:00.000Z";
  record.analysis.emplace();
  record.analysis->identifiers = std::move(identifiers);
  return record;
}

// A crawl run of these sites, each showing its identifiers, finished as a crawl finishes it.
std::int64_t crawled(
    const std::filesystem::path& file,
    const std::vector<std::pair<std::string, std::vector<page_identifier>>>& sites) {
  store db(file);
  const auto run = db.begin_run({});
  for (const auto& site : sites)
    db.record_site(run, site.first, {shop_view(site.first, site.second)}, {});
  db.finish_run(run, run_status::done);
  return run;
}

const page_identifier shared_ga{identifier_kind::ga4, "G-SHARED123"};
const page_identifier shared_phone{identifier_kind::phone, "+81312345678"};

std::vector<network_member_row> members_of(const std::filesystem::path& file, std::int64_t run) {
  return network_reader(file).earlier_networks(run);
}

}  // namespace

TEST_CASE("a finished run's networks are numbered and kept, again with the same numbers") {
  temp_database file;
  const auto first = crawled(file.path, {{"https://a.example/", {shared_ga}},
                                         {"https://b.example/", {shared_ga}},
                                         {"https://c.example/", {shared_phone}},
                                         {"https://d.example/", {shared_phone}},
                                         {"https://alone.example/", {}}});
  std::ostringstream out;
  CHECK(number_after_run(file.path.string(), first, {}, out));
  CHECK(out.str().starts_with("networks: 2 numbered (4 sites) in "));
  const auto kept = members_of(file.path, first);
  REQUIRE(kept.size() == 4);
  CHECK(kept[0].network_id == 1);
  CHECK(kept[0].url == "https://a.example/");
  CHECK(kept[2].network_id == 2);
  CHECK(kept[2].url == "https://c.example/");

  // Numbering the run again (as `networks` may) changes nothing.
  const auto again = number_run_networks(file.path.string(), first, {});
  CHECK(again.networks == 2);
  CHECK(again.sites == 4);
  const auto after = members_of(file.path, first);
  REQUIRE(after.size() == kept.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    CHECK(after[i].network_id == kept[i].network_id);
    CHECK(after[i].url == kept[i].url);
  }

  // The next run: the phone network gains a site and keeps its number; a new one is 3.
  const auto second =
      crawled(file.path, {{"https://c.example/", {shared_phone}},
                          {"https://d.example/", {shared_phone}},
                          {"https://e.example/", {shared_phone}},
                          {"https://x.example/", {{identifier_kind::gtm, "GTM-NEW1"}}},
                          {"https://y.example/", {{identifier_kind::gtm, "GTM-NEW1"}}}});
  CHECK(number_run_networks(file.path.string(), second, {}).networks == 2);
  const auto later = members_of(file.path, second);
  REQUIRE(later.size() == 5);
  CHECK(later[0].network_id == 2);
  CHECK(later[2].url == "https://e.example/");
  CHECK(later[2].network_id == 2);
  CHECK(later[3].network_id == 3);
}

TEST_CASE("a night numbered with no network is the next night's comparison, not skipped") {
  temp_database file;
  const auto linked = crawled(
      file.path, {{"https://a.example/", {shared_ga}}, {"https://b.example/", {shared_ga}}});
  CHECK(number_run_networks(file.path.string(), linked, {}).networks == 1);
  const auto apart = crawled(file.path, {{"https://a.example/", {}}, {"https://b.example/", {}}});
  CHECK(number_run_networks(file.path.string(), apart, {}).networks == 0);
  const auto still_apart =
      crawled(file.path, {{"https://a.example/", {}}, {"https://b.example/", {}}});
  CHECK(number_run_networks(file.path.string(), still_apart, {}).networks == 0);
  const auto unnumbered = crawled(file.path, {{"https://a.example/", {}}});

  export_reader reader(file.path);
  const auto dissolving = reader.networks_since(apart, std::nullopt);
  CHECK_FALSE(dissolving.unnumbered_run);
  CHECK(dissolving.any_numbered);
  CHECK(dissolving.previous_run_id == linked);
  CHECK(dissolving.before.size() == 2);
  CHECK(dissolving.now.empty());

  // The night after: compared with the empty night, so the dissolving is not said again.
  const auto after = reader.networks_since(still_apart, std::nullopt);
  CHECK_FALSE(after.unnumbered_run);
  CHECK(after.previous_run_id == apart);
  CHECK(after.before.empty());
  CHECK(after.now.empty());

  // A run nobody numbered has no network news, not every network dissolved.
  const auto never = reader.networks_since(unnumbered, std::nullopt);
  CHECK(never.unnumbered_run == unnumbered);
  CHECK(never.previous_run_id == still_apart);
  // Nor one compared with a run nobody numbered.
  CHECK(reader.networks_since(still_apart, unnumbered).unnumbered_run == unnumbered);
}

TEST_CASE("a failure to number is a line of the summary, not an exception") {
  temp_database file;
  const auto missing = file.path.parent_path() / "no-such-folder-for-geocrawl" / "crawl.db";
  std::ostringstream out;
  CHECK_FALSE(number_after_run(missing.string(), 4, {}, out));
  CHECK(out.str().starts_with("networks failed: "));
  CHECK(out.str().find("number its networks with: geocrawl networks --run 4") != std::string::npos);
}

}  // namespace geocrawl
