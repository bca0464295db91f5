#include "crawler/store/export_reader.hpp"

#include <doctest/doctest.h>

#include "crawler/store/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

view page_view(std::string vantage, std::string url) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = url + "old";
  record.final_url = url;
  record.status = 200;
  record.redirects = {{url + "old", 301, redirect_kind::location}, {url, 200}};
  record.body = "<title>shop</title>";
  record.sha256 = "sha-" + url;
  record.fetched_at = "2026-11-27T01:00:00.000Z";
  auto& analysis = record.analysis.emplace();
  analysis.page.title = "shop";
  return record;
}

view shop_view(std::string vantage, std::string url) {
  auto record = page_view(std::move(vantage), std::move(url));
  record.exit_country = "JP";
  auto& found = record.analysis->found;
  found.drugs = {{"viagra", "sildenafil", "ed", 1},
                 {"バイアグラ", "sildenafil", "ed", 3},
                 {"cialis", "tadalafil", "ed", 2}};
  found.no_rx = true;
  found.no_rx_phrases = {"no prescription needed", "処方箋不要"};
  return record;
}

// Two sites of a crawl, stored out of URL order: b.example cloaked for jp, a.example not.
struct crawl_database {
  testing::temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::int64_t crawl_run = 0;
  std::int64_t fetch_run = 0;

  crawl_database() {
    store database(file);
    crawl_run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
    database.record_site(
        crawl_run, "https://b.example/",
        {page_view("default", "https://b.example/"), shop_view("jp", "https://b.example/")},
        {cloaking_verdict::cloaked,
         {{"jp", "default", cloaking_verdict::cloaked, 0.9, {"drugs", "no rx"}}}});
    database.record_site(
        crawl_run, "https://a.example/",
        {page_view("default", "https://a.example/"), page_view("jp", "https://a.example/")},
        {cloaking_verdict::consistent, {{"jp", "default", cloaking_verdict::consistent, 0.1, {}}}});
    fetch_run = database.begin_run({run_kind::fetch, "built-in default", "https://c.example/"});
  }
};

}  // namespace

TEST_CASE("the latest run is the newest crawl, else the newest run, none in an empty database") {
  crawl_database database;
  export_reader reader(database.file);
  CHECK(reader.latest_run() == database.crawl_run);
  CHECK(reader.look_up(database.fetch_run).presence == run_presence::present);
  CHECK(reader.look_up(database.fetch_run + 1).presence == run_presence::absent);

  testing::temp_dir empty;
  export_reader empty_reader(empty.path() / "empty.db");
  CHECK(empty_reader.latest_run() == std::nullopt);
}

TEST_CASE("comparisons come by URL with both views' drugs and no-rx phrases, filtered") {
  crawl_database database;
  export_reader reader(database.file);
  std::vector<comparison_row> rows;
  const auto collect = [&](const comparison_row& row) { rows.push_back(row); };

  reader.comparisons(database.crawl_run, {}, collect);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].url == "https://a.example/");
  const auto& cloaked = rows[1];
  CHECK(cloaked.url == "https://b.example/");
  CHECK(cloaked.verdict == "cloaked");
  CHECK(cloaked.site_verdict == "cloaked");
  CHECK(cloaked.score == 0.9);
  CHECK(cloaked.reasons == "drugs\nno rx");
  CHECK(cloaked.drugs_baseline == "");
  CHECK(cloaked.drugs_vantage == "sildenafil; tadalafil");
  CHECK(cloaked.no_rx_vantage == "no prescription needed; 処方箋不要");
  CHECK(cloaked.exit_country_vantage == "JP");

  rows.clear();
  reader.comparisons(database.crawl_run, {.verdicts = {"cloaked"}}, collect);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].url == "https://b.example/");

  rows.clear();
  reader.comparisons(database.crawl_run, {.vantages = {"us"}}, collect);
  CHECK(rows.empty());
}

TEST_CASE("views come by URL, each site's in the order they were stored, redirects counted") {
  crawl_database database;
  export_reader reader(database.file);
  std::vector<view_row> rows;
  reader.views(database.crawl_run, {.vantages = {"jp"}},
               [&](const view_row& row) { rows.push_back(row); });
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].url == "https://a.example/");
  CHECK(rows[1].url == "https://b.example/");
  CHECK(rows[1].vantage == "jp");
  CHECK(rows[1].redirects == 1);
  CHECK(rows[1].status == 200);
  CHECK(rows[1].drugs == "sildenafil; tadalafil");
  CHECK(rows[1].site_verdict == "cloaked");
}

TEST_CASE("a rendered view's row has the rendered columns, a served one leaves them empty") {
  testing::temp_dir dir;
  const auto file = dir.path() / "geocrawl.db";
  std::int64_t run = 0;
  {
    auto rendered = page_view("jp", "https://r.example/");
    auto& page = rendered.rendered.emplace();
    page.final_url = "https://shop.example/cart";
    page.title = "=HYPERLINK(\"x\")";
    page.dom = "<html></html>";
    page.dom_sha256 = "sha-dom";
    page.requests.requests = {{relay_method::forward, "GET", "http://r.example/a.js", 200},
                              {relay_method::connect, "CONNECT", "10.0.0.1:443", std::nullopt, 0, 0,
                               relay_outcome::blocked_address},
                              {relay_method::connect, "CONNECT", "cdn.example:443", std::nullopt, 0,
                               0, relay_outcome::dial_failed}};
    page.error = view_error{{}, "the page never settled"};
    auto& found = page.analysis.emplace().found;
    found.drugs = {{"viagra", "sildenafil", "ed", 1}, {"cialis", "tadalafil", "ed", 1}};
    found.no_rx_phrases = {"no prescription needed"};
    store database(file);
    run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
    database.record_site(run, "https://r.example/",
                         {page_view("default", "https://r.example/"), rendered}, {});
  }
  export_reader reader(file);
  std::vector<view_row> rows;
  reader.views(run, {}, [&](const view_row& row) { rows.push_back(row); });
  REQUIRE(rows.size() == 2);
  CHECK_FALSE(rows[0].rendered);
  CHECK(rows[0].rendered_final_url.empty());
  CHECK(rows[0].rendered_requests == 0);
  CHECK(rows[1].rendered);
  CHECK(rows[1].rendered_final_url == "https://shop.example/cart");
  CHECK(rows[1].rendered_title == "=HYPERLINK(\"x\")");
  CHECK(rows[1].rendered_drugs == "sildenafil; tadalafil");
  CHECK(rows[1].rendered_no_rx == "no prescription needed");
  CHECK(rows[1].rendered_requests == 3);
  CHECK(rows[1].rendered_blocked == 1);
  CHECK(rows[1].rendered_error_code == "unknown");
}

}  // namespace geocrawl
