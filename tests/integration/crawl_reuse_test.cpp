// `geocrawl crawl` twice into one database: the second run parses no page (every body was
// analysed by the first) and stores, view for view, the same findings a parse gives.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "crawler/store/sqlite.hpp"
#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

constexpr int sites = 40;

// What the analysis gave each view of a run, URL by URL, as text to compare.
std::vector<std::string> findings_of(const std::string& database, int run_id) {
  sqlite_db db(database);
  auto query = db.prepare(R"sql(
SELECT s.url || '|' || v.vantage || '|' || coalesce(v.title, '') || '|' || coalesce(v.lang, '') ||
  '|' || coalesce(v.charset, '') || '|' || coalesce(v.no_rx, '') || '|' ||
  coalesce(v.meta_refresh_url, '') || '|' || coalesce(v.canonical, '') || '|' ||
  coalesce(v.link_count, '') || '|' || coalesce(v.checkout_form, '') || '|' ||
  coalesce(v.analysis_truncated, '') || '|' ||
  coalesce((SELECT group_concat(drug || ':' || term || ':' || count, ',') FROM view_drugs d
            WHERE d.view_id = v.id), '')
FROM views v JOIN sites s ON s.id = v.site_id WHERE s.run_id = ? ORDER BY s.url, v.vantage
)sql");
  query.bind(1, static_cast<std::int64_t>(run_id));
  std::vector<std::string> rows;
  while (query.step()) rows.push_back(query.column_text(0));
  return rows;
}

std::int64_t parsed_in(const std::string& summary) {
  std::smatch match;
  REQUIRE(std::regex_search(summary, match, std::regex("analyses: (\\d+) bodies parsed")));
  return std::stoll(match[1].str());
}

}  // namespace

TEST_CASE("a re-crawl of unchanged sites parses nothing and stores the same findings") {
  crawl_lab lab("concurrency = 16\nper_host = 16\n");
  // Four bodies over forty sites: a parked page, shops (one only for Japan), a news page;
  // each site's links, refresh and canonical resolve against its own URL.
  lab.origin.route_below("/site/", [](const received_request& request) {
    const auto n = request.target.size();
    switch (request.target[n - 2] % 4) {
      case 0:
        return html(parked_domain_page());
      case 1:
        return html(through_japan(request) ? japanese_shop() : japanese_construction_page());
      case 2:
        return html(english_shop());
      default:
        return html(english_news());
    }
  });
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i)
    lines.push_back(lab.origin.url("/site/" + std::to_string(i) + "/"));
  lab.write_sites(lines);
  const std::vector<std::string> crawl = {
      "crawl", "--sites", lab.sites_path(), "--config", lab.config_path(), "--db", lab.database};

  const auto first = run_geocrawl(crawl);
  INFO("first stderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(parsed_in(first.out) > 0);

  const auto second = run_geocrawl(crawl);
  INFO("second stdout: " << second.out);
  REQUIRE(second.exit_code == 0);
  CHECK(parsed_in(second.out) == 0);

  const auto before = findings_of(lab.database, 1);
  const auto after = findings_of(lab.database, 2);
  CHECK(before.size() == static_cast<std::size_t>(2 * sites));
  CHECK(after == before);
}

}  // namespace geocrawl::testing
