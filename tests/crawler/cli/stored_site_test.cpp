#include "crawler/cli/stored_site.hpp"

#include <doctest/doctest.h>

#include "crawler/store/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

view page_view(std::string vantage, std::string url) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = url;
  record.final_url = std::move(url);
  record.status = 200;
  record.body = "<title>shop</title>";
  record.sha256 = "sha-" + record.final_url;
  record.fetched_at = "2026-11-27T01:00:00.000Z";
  return record;
}

// Run 1: a fetch of shop.example; run 2: a crawl of many sites, one of them still pending.
struct sites_database {
  testing::temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::int64_t fetch_run = 0;
  std::int64_t crawl_run = 0;

  sites_database() {
    store database(file);
    fetch_run = database.begin_run({run_kind::fetch, "built-in default", "shop.example"});
    database.record_site(fetch_run, "https://shop.example/",
                         {page_view("default", "https://shop.example/")}, {});
    crawl_run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
    std::vector<site_entry> entries;
    for (int i = 0; i < 12; ++i) {
      const auto host = "pharmacy" + std::to_string(i) + ".example";
      entries.push_back(
          {static_cast<std::size_t>(i + 1), "https://" + host + "/", "http://" + host + "/", ""});
    }
    entries.push_back({13, "https://both.example/catalog/", "", ""});
    entries.push_back({14, "http://both.example/catalog/", "", ""});
    database.add_sites(crawl_run, entries);
    std::vector<finished_site> finished;
    for (const auto& site : database.pending_sites(crawl_run, 0, 100)) {
      if (site.url == "https://pharmacy11.example/") continue;  // left pending
      finished.push_back({site.id, {page_view("default", site.url)}, {}});
    }
    database.finish_sites(crawl_run, finished);
  }
};

}  // namespace

TEST_CASE("a site is found by its URL as stored or as fetch and crawl take it") {
  const sites_database db;
  evidence_reader reader(db.file, view_error_categories());
  for (const auto* text : {"https://shop.example/", "https://shop.example", "shop.example",
                           "SHOP.example.", "https://shop.example/#top"}) {
    CAPTURE(text);
    CHECK(find_stored_site(reader, db.fetch_run, text).url == "https://shop.example/");
  }
  // The http:// fallback a bare domain's views may have used.
  CHECK(find_stored_site(reader, db.crawl_run, "http://pharmacy3.example").url ==
        "https://pharmacy3.example/");
  // Without the trailing slash, where that is the only site it can be.
  CHECK(find_stored_site(reader, db.crawl_run, "https://both.example/catalog").url ==
        "https://both.example/catalog/");
  // As stored, exactly: the one of the two spellings asked for.
  CHECK(find_stored_site(reader, db.crawl_run, "http://both.example/catalog/").url ==
        "http://both.example/catalog/");
}

TEST_CASE("a site not found is answered with what the run has") {
  const sites_database db;
  evidence_reader reader(db.file, view_error_categories());
  CHECK_THROWS_WITH_AS(find_stored_site(reader, db.fetch_run, "shop.exampel"),
                       "shop.exampel: no such site in run 1; its sites are https://shop.example/",
                       not_found_error);
  CHECK_THROWS_WITH_AS(find_stored_site(reader, db.crawl_run, "pharmacy4.exmaple"),
                       "pharmacy4.exmaple: no such site in run 2 (14 sites); did you mean "
                       "`https://pharmacy4.example/`?",
                       not_found_error);
  CHECK_THROWS_WITH_AS(find_stored_site(reader, db.crawl_run, "nothing-like-it.invalid"),
                       "nothing-like-it.invalid: no such site in run 2 (14 sites)",
                       not_found_error);
  CHECK_THROWS_WITH_AS(find_stored_site(reader, db.crawl_run, "pharmacy11.example"),
                       "https://pharmacy11.example/: in the work list of run 2 but not fetched yet",
                       not_found_error);
  CHECK_THROWS_WITH_AS(find_stored_site(reader, db.crawl_run, "both.example/catalog/"),
                       doctest::Contains("names several sites in run 2"), not_found_error);
}

}  // namespace geocrawl
