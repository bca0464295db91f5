// `geocrawl networks` over a real crawl: loopback sites that share an analytics ID, a phone
// number written in ASCII on one page and full-width on another, an e-mail address hidden with
// "[at]" on one and in a mailto: link on the other, a documented placeholder ID, and a site
// alone. The JSON, text and CSV outputs are checked, and a second crawl with one more site of
// the first network keeps the networks' numbers. Then the same network in the other outputs
// (`changes`, `export`, `report`) as the crawl numbered it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <boost/json/parse.hpp>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/python_csv.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

std::string page(std::string_view inside) {
  return "<html lang=\"ja\"><body>" + std::string(inside) + "</body></html>";
}

void route_sites(test_origin& origin) {
  const std::pair<std::string_view, std::string> pages[] = {
      {"/a1/", page("<script>gtag('config','G-NETA12345');</script><p>Shop A1</p>")},
      {"/a2/", page("<script>gtag('config','G-NETA12345');</script><p>A2 TEL 03-1234-5678</p>")},
      {"/a3/", page("<p>A3 お電話：０３－１２３４－５６７８</p>")},
      {"/a4/", page("<script>gtag('config', \"G-NETA12345\");</script><p>A4, new tonight</p>")},
      {"/b1/", page("<p>B1 contact: rx [at] net-b [dot] example</p>")},
      {"/b2/", page("<p>B2</p><a href=\"mailto:RX@net-b.example\">mail us</a>")},
      {"/c1/", page("<script>gtag('config','G-XXXXXXXXXX');</script><p>C1</p>")},
      {"/c2/", page("<script>gtag('config','G-XXXXXXXXXX');</script><p>C2</p>")},
      {"/d1/", page("<p>D1 alone</p>")},
  };
  for (const auto& site : pages) {
    origin.route(std::string(site.first),
                 [body = site.second](const received_request&) { return html(body); });
  }
}

std::set<std::string> urls_of(const boost::json::array& sites) {
  std::set<std::string> urls;
  for (const auto& site : sites) urls.insert(std::string(site.as_object().at("url").as_string()));
  return urls;
}

const boost::json::object* network_with(const boost::json::array& networks,
                                        const std::string& url) {
  for (const auto& network : networks) {
    if (urls_of(network.as_object().at("sites").as_array()).contains(url))
      return &network.as_object();
  }
  return nullptr;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("networks links loopback sites by what they share, and keeps their numbers") {
  crawl_lab lab("concurrency = 4\n");
  route_sites(lab.origin);
  const auto url = [&](std::string_view path) { return lab.origin.url(std::string(path)); };
  lab.write_sites({url("/a1/"), url("/a2/"), url("/a3/"), url("/b1/"), url("/b2/"), url("/c1/"),
                   url("/c2/"), url("/d1/")});
  const auto crawl = run_geocrawl(lab.crawl_arguments());
  REQUIRE_MESSAGE(crawl.exit_code == 0, crawl.err);

  const auto first = run_geocrawl({"networks", "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  const auto document = boost::json::parse(first.out).as_object();
  CHECK(document.at("run") == 1);
  const auto& networks = document.at("networks").as_array();
  REQUIRE(networks.size() == 2);
  const auto* a = network_with(networks, url("/a1/"));
  const auto* b = network_with(networks, url("/b1/"));
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(urls_of(a->at("sites").as_array()) ==
        std::set<std::string>{url("/a1/"), url("/a2/"), url("/a3/")});
  CHECK(urls_of(b->at("sites").as_array()) == std::set<std::string>{url("/b1/"), url("/b2/")});
  const auto& a_site = a->at("sites").as_array()[0].as_object();
  CHECK(a_site.at("domain") == "127.0.0.1");
  CHECK(a_site.at("verdict") == "consistent");
  CHECK(a_site.at("registrar").is_null());
  // The phone, ASCII on one page and full-width on the other, is one E.164 number (lang="ja").
  const auto& held = a->at("identifiers").as_array();
  CHECK(std::find(held.begin(), held.end(),
                  boost::json::value{{"kind", "phone"}, {"value", "+81312345678"}}) != held.end());
  CHECK(std::find(held.begin(), held.end(),
                  boost::json::value{{"kind", "ga4"}, {"value", "G-NETA12345"}}) != held.end());
  // Every link names its identifier and the views (both vantages) where each side showed it.
  for (const auto& link : a->at("links").as_array()) {
    const auto& item = link.as_object();
    CHECK(item.at("strength") == "strong");
    CHECK(item.at("a_views").as_array().size() == 2);
    CHECK(item.at("b_views").as_array().size() == 2);
  }
  CHECK(b->at("identifiers").as_array()[0] ==
        boost::json::value{{"kind", "email"}, {"value", "rx@net-b.example"}});
  // The placeholder links nothing and says why; the shared loopback address is weak.
  CHECK(document.at("excluded").as_array() ==
        boost::json::array{
            {{"kind", "ga4"}, {"value", "G-XXXXXXXXXX"}, {"rule", "placeholder"}, {"sites", 2}}});
  bool shared_address = false;
  for (const auto& weak : document.at("weak").as_array()) {
    const auto& item = weak.as_object();
    if (item.at("kind") == "ip" && item.at("value") == "127.0.0.1")
      shared_address = item.at("sites").as_array().size() == 8;
  }
  CHECK(shared_address);

  const auto text = run_geocrawl({"networks", "--db", lab.database});
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  CHECK(text.out.starts_with("Run 1: 2 networks of 5 sites (8 sites in the run)"));
  CHECK(text.out.find("excluded ga4 G-XXXXXXXXXX (placeholder): 2 sites") != std::string::npos);

  const auto csv_path = (lab.dir.path() / "networks.csv").string();
  const auto csv = run_geocrawl({"networks", "--db", lab.database, "--out", csv_path});
  REQUIRE_MESSAGE(csv.exit_code == 0, csv.err);
  const auto table = read_with_python(csv_path, "utf-8");
  REQUIRE(table.size() == 6);
  CHECK(table[0] == std::vector<std::string>{"network_id", "url", "domain", "verdict", "registrar",
                                             "identifiers"});

  // Tonight a fourth site of network A: A keeps its number and gains it, B keeps its own.
  lab.write_sites(
      {url("/a1/"), url("/a2/"), url("/a3/"), url("/a4/"), url("/b1/"), url("/b2/"), url("/d1/")});
  const auto again = run_geocrawl(lab.crawl_arguments());
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  const auto second = run_geocrawl({"networks", "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  const auto later = boost::json::parse(second.out).as_object();
  CHECK(later.at("run") == 2);
  const auto& later_networks = later.at("networks").as_array();
  const auto* later_a = network_with(later_networks, url("/a4/"));
  const auto* later_b = network_with(later_networks, url("/b2/"));
  REQUIRE(later_a != nullptr);
  REQUIRE(later_b != nullptr);
  CHECK(later_a->at("id") == a->at("id"));
  CHECK(later_b->at("id") == b->at("id"));
  CHECK(later_a->at("sites").as_array().size() == 4);

  CHECK(run_geocrawl({"networks", "--db", lab.database, "--run", "9"}).exit_code == 1);
  CHECK(run_geocrawl({"networks", "--db", lab.database, "--json", "--out", csv_path}).exit_code ==
        2);
}

// A night's networks in every output: tonight a site joins network A and network B falls
// apart. The crawl numbers each run's networks as it completes (no `networks` run in between);
// `changes` says A gained the site and B dissolved, in text, JSON and the CSV; `export --what
// sites` ends with the network_id column; the report has a page per network with its sites,
// identifiers and links, and each member's page links it.
TEST_CASE("a site joins a network tonight: changes, export and the report say so") {
  crawl_lab lab("concurrency = 4\n");
  route_sites(lab.origin);
  const auto url = [&](std::string_view path) { return lab.origin.url(std::string(path)); };
  lab.write_sites({url("/a1/"), url("/a2/"), url("/a3/"), url("/b1/"), url("/b2/"), url("/d1/")});
  const auto first = run_geocrawl(lab.crawl_arguments());
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  CHECK(has(first.out, "networks: 2 numbered (5 sites) in "));
  // Numbered at the crawl's end: A (its first site crawled first) is 1, B is 2.
  CHECK(count_of(lab.database, "SELECT count(*) FROM network_members WHERE run_id = 1") == 5);
  CHECK(count_of(lab.database, "SELECT count(DISTINCT network_id) FROM network_members") == 2);
  const auto a_id = count_of(
      lab.database, "SELECT network_id FROM network_members WHERE url = '" + url("/a1/") + "'");
  const auto b_id = count_of(
      lab.database, "SELECT network_id FROM network_members WHERE url = '" + url("/b1/") + "'");

  // Tonight a4 joins A; b2 is not in the list, so B is one site and no network.
  lab.write_sites({url("/a1/"), url("/a2/"), url("/a3/"), url("/a4/"), url("/b1/"), url("/d1/")});
  const auto second = run_geocrawl(lab.crawl_arguments());
  REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  CHECK(has(second.out, "networks: 1 numbered (4 sites) in "));

  const auto a = std::to_string(a_id);
  const auto b = std::to_string(b_id);
  const auto text = run_geocrawl({"changes", "--db", lab.database});
  REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  CHECK(has(text.out, "networks (against run 1):\n  network " + a +
                          " gained 1 domain: 127.0.0.1\n  network " + b +
                          " dissolved (it had 1 domain: 127.0.0.1)\n"));
  CHECK(has(text.out, "Network changes (against run 1): network_gained 1, network_dissolved 1.\n"));

  const auto json = run_geocrawl({"changes", "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(json.exit_code == 0, json.err);
  const auto networks = boost::json::parse(json.out).as_object().at("networks").as_object();
  CHECK(networks.at("previous_run_id") == 1);
  const auto& changes = networks.at("changes").as_array();
  REQUIRE(changes.size() == 2);
  const auto& gained = changes[0].as_object();
  CHECK(gained.at("change") == "network_gained");
  CHECK(gained.at("network_id") == a_id);
  CHECK(gained.at("sites") == boost::json::array{boost::json::string(url("/a4/"))});
  CHECK(gained.at("domains") == boost::json::array{"127.0.0.1"});
  CHECK(changes[1].as_object().at("change") == "network_dissolved");
  CHECK(networks.at("summary").as_object().at("network_lost") == 0);

  const auto changes_csv = lab.dir.path() / "changes.csv";
  const auto exported_changes = run_geocrawl(
      {"export", "--db", lab.database, "--what", "changes", "--out", changes_csv.string()});
  REQUIRE_MESSAGE(exported_changes.exit_code == 0, exported_changes.err);
  const auto change_rows = records_of(read_with_python(changes_csv));
  REQUIRE(change_rows.size() >= 2);
  const auto& gained_row = change_rows[change_rows.size() - 2];
  CHECK(gained_row.at("change") == "network_gained");
  CHECK(gained_row.at("network_id") == a);
  CHECK(gained_row.at("previous_run_id") == "1");
  CHECK(gained_row.at("after") == "127.0.0.1");
  CHECK(gained_row.at("url").empty());
  CHECK(change_rows.back().at("change") == "network_dissolved");
  CHECK(change_rows.back().at("before") == "127.0.0.1");

  const auto sites_csv = lab.dir.path() / "sites.csv";
  const auto exported_sites = run_geocrawl(
      {"export", "--db", lab.database, "--what", "sites", "--out", sites_csv.string()});
  REQUIRE_MESSAGE(exported_sites.exit_code == 0, exported_sites.err);
  const auto table = read_with_python(sites_csv);
  REQUIRE(table.size() == 7);
  CHECK(table[0].back() == "network_id");
  for (const auto& row : records_of(table)) {
    CAPTURE(row.at("url"));
    const bool in_a = row.at("url") != url("/b1/") && row.at("url") != url("/d1/");
    CHECK(row.at("network_id") == (in_a ? a : ""));
  }

  const auto report = lab.dir.path() / "report";
  const auto written =
      run_geocrawl({"report", "--db", lab.database, "--out", report.string(), "--no-screenshots"});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const auto index = file_text(report / "index.html");
  CHECK(has(index, "<a href=\"networks/network-" + a + ".html\">network " + a + "</a>"));
  const auto network_page = file_text(report / "networks" / ("network-" + a + ".html"));
  CHECK(has(network_page, "<h1>Network " + a + "</h1>"));
  CHECK(has(network_page, "4 sites in run 2, 4 of them in this report."));
  CHECK(has(network_page, "ga4 <code>G-NETA12345</code>"));
  CHECK(has(network_page, "phone <code>+81312345678</code>"));
  CHECK(has(network_page, ">" + url("/a4/") + "</a>"));
  // Each link's evidence: the identifier, and both vantages on each side.
  CHECK(has(network_page, "</td><td>default, jp</td><td>"));
  CHECK(has(network_page, "Registrar: registrar unknown"));
  // a4's page names its network and links to it.
  std::size_t linked_pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(report / "sites")) {
    if (has(file_text(entry.path()), "<a href=\"../networks/network-" + a + ".html\">"))
      ++linked_pages;
  }
  CHECK(linked_pages == 4);
  CHECK_FALSE(std::filesystem::exists(report / "networks" / ("network-" + b + ".html")));

  // `networks` over the same run gives the numbers the crawl kept.
  const auto again = run_geocrawl({"networks", "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  const auto answer = boost::json::parse(again.out).as_object();
  REQUIRE(answer.at("networks").as_array().size() == 1);
  CHECK(answer.at("networks").as_array()[0].as_object().at("id") == a_id);
}

}  // namespace geocrawl::testing
