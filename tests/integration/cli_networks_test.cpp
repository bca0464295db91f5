// `geocrawl networks` over a real crawl: loopback sites that share an analytics ID, a phone
// number written in ASCII on one page and full-width on another, an e-mail address hidden with
// "[at]" on one and in a mailto: link on the other, a documented placeholder ID, and a site
// alone. The JSON, text and CSV outputs are checked, and a second crawl with one more site of
// the first network keeps the networks' numbers.
#include <doctest/doctest.h>

#include <algorithm>
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

}  // namespace geocrawl::testing
