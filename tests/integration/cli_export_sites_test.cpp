// `geocrawl export --what sites` after a real crawl: one row per site with its vantages side by
// side and the sites file's extra columns as columns of their own, read back with Python's csv
// module as analysts' scripts read it.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/python_csv.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

using record = std::map<std::string, std::string>;

const record& row_of(const std::vector<record>& records, const std::string& url) {
  for (const auto& row : records) {
    if (row.at("url") == url) return row;
  }
  FAIL("no row for " << url);
  return records.front();
}

}  // namespace

TEST_CASE(
    "export --what sites: a row per site, vantages side by side, labels as columns, the URL "
    "really fetched") {
  crawl_lab lab("concurrency = 4\nretries = 0\n");
  lab.origin.route_below("/shop/", [](const received_request& request) {
    return html(through_japan(request) ? japanese_shop() : japanese_construction_page());
  });
  lab.origin.route_below(
      "/gone/", [](const received_request&) { return response_script{script_step::reset()}; });
  const auto port = std::to_string(lab.origin.port());
  const auto sites = (lab.dir.path() / "suspects.csv").string();
  std::ofstream(sites) << "registrar,url,note\n"
                       << "Example Registrar,\"" << lab.origin.url("/shop/a/")
                       << "\",\"seen in spam, twice\"\n"
                       << "Other,127.0.0.1:" << port << "/shop/b/,\"=HYPERLINK(\"\"x\"\")\"\n"
                       << "Third,\"" << lab.origin.url("/gone/") << "\",\n";
  const auto crawl = run_geocrawl(
      {"crawl", "--sites", sites, "--config", lab.config_path(), "--db", lab.database});
  INFO("stderr: " << crawl.err);
  REQUIRE(crawl.exit_code == 0);

  const auto out = lab.dir.path() / "sites.csv";
  const auto exported =
      run_geocrawl({"export", "--db", lab.database, "--what", "sites", "--out", out.string()});
  REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  const auto table = read_with_python(out);
  REQUIRE_FALSE(table.empty());
  CHECK(table[0] == std::vector<std::string>{"run_id",
                                             "url",
                                             "host",
                                             "registrable_domain",
                                             "registrar",
                                             "registrar_iana_id",
                                             "abuse_email",
                                             "verdict",
                                             "score",
                                             "drug_countries",
                                             "drugs",
                                             "no_rx_default",
                                             "no_rx_jp",
                                             "no_rx_phrases_default",
                                             "no_rx_phrases_jp",
                                             "title_default",
                                             "title_jp",
                                             "final_host_default",
                                             "final_host_jp",
                                             "error_default",
                                             "error_jp",
                                             "label_registrar",
                                             "label_note",
                                             "network_id"});
  const auto records = records_of(table);
  REQUIRE(records.size() == 3);

  const auto& shop = row_of(records, lab.origin.url("/shop/a/"));
  CHECK(shop.at("run_id") == "1");
  CHECK(shop.at("host") == "127.0.0.1");
  CHECK(shop.at("registrable_domain") == "127.0.0.1");
  CHECK(shop.at("registrar").empty());  // an IP address has no registrar to look up
  CHECK(shop.at("verdict") == "cloaked");
  REQUIRE_FALSE(shop.at("score").empty());
  CHECK(std::stod(shop.at("score")) >= 0.8);
  CHECK(shop.at("drug_countries") == "JP");
  CHECK(shop.at("drugs").find("sildenafil") != std::string::npos);
  CHECK(shop.at("no_rx_default") == "false");
  CHECK(shop.at("no_rx_jp") == "true");
  CHECK(shop.at("no_rx_phrases_default").empty());
  CHECK_FALSE(shop.at("no_rx_phrases_jp").empty());
  CHECK_FALSE(shop.at("title_jp").empty());
  CHECK(shop.at("title_jp") != shop.at("title_default"));
  CHECK(shop.at("final_host_default") == "127.0.0.1");
  CHECK(shop.at("final_host_jp") == "127.0.0.1");
  CHECK(shop.at("error_default").empty());
  CHECK(shop.at("label_registrar") == "Example Registrar");
  CHECK(shop.at("label_note") == "seen in spam, twice");

  // A bare domain: https was tried first and failed, so the row names the http:// URL used.
  const auto& bare = row_of(records, "http://127.0.0.1:" + port + "/shop/b/");
  CHECK(bare.at("verdict") == "cloaked");
  CHECK(bare.at("label_registrar") == "Other");
  CHECK(bare.at("label_note") == "'=HYPERLINK(\"x\")");  // neutralised like any text cell

  // Both sides failed: no score, and each vantage's error in its own column.
  const auto& gone = row_of(records, lab.origin.url("/gone/"));
  CHECK(gone.at("verdict") == "unreachable");
  CHECK(gone.at("score").empty());
  CHECK_FALSE(gone.at("error_default").empty());
  CHECK_FALSE(gone.at("error_jp").empty());
  CHECK(gone.at("no_rx_default").empty());
  CHECK(gone.at("drugs").empty());
  CHECK(gone.at("label_note").empty());
  // The two shops served the same bytes (a strong identifier): one network, numbered when the
  // crawl completed; the site that never answered is in none.
  CHECK(shop.at("network_id") == "1");
  CHECK(bare.at("network_id") == "1");
  CHECK(gone.at("network_id").empty());

  // --vantage keeps that vantage's columns; --verdict the site's verdict.
  const auto jp_out = lab.dir.path() / "jp.csv";
  REQUIRE(run_geocrawl({"export", "--db", lab.database, "--what", "sites", "--vantage", "jp",
                        "--verdict", "cloaked", "--out", jp_out.string()})
              .exit_code == 0);
  const auto jp_table = read_with_python(jp_out);
  CHECK(std::find(jp_table[0].begin(), jp_table[0].end(), "title_default") == jp_table[0].end());
  CHECK(std::find(jp_table[0].begin(), jp_table[0].end(), "title_jp") != jp_table[0].end());
  CHECK(records_of(jp_table).size() == 2);
}

}  // namespace geocrawl::testing
