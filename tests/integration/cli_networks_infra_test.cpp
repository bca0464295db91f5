// `geocrawl networks` over the evidence that is not a page's words: certificate names and sister
// links (strong, pointing at another site of the run), and the servers' ASN and the name
// servers of the sites' domains (weak: shown, never joining). The sites have names (a
// registrable domain needs one), so the vantage goes through a SOCKS5 double whose host table
// sends every name to loopback; shop-a and shop-b are HTTPS origins with certificates made for
// the test, the others one plain origin that serves each host its own page.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

#include <boost/json/parse.hpp>

#include "crawler/store/store.hpp"
#include "crawler/view/timestamp.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_geoip.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

// A shop's page: a checkout form (it sells) and what else it says.
std::string shop_page(std::string_view name, std::string_view more) {
  return "<html lang=\"en\"><body><h1>" + std::string(name) +
         "</h1><form action=\"/cart/checkout\" method=\"post\"><input name=\"card\" "
         "autocomplete=\"cc-number\"><button type=\"submit\">Buy now</button></form>" +
         std::string(more) + "</body></html>";
}

// Each host's page, told apart by the Host header.
handler pages_by_host(std::map<std::string, std::string> pages) {
  return [pages = std::move(pages)](const received_request& request) {
    const auto host = request.header("Host");
    const auto page = pages.find(host.substr(0, host.find(':')));
    return page == pages.end() ? http_response(404, {}, "no such site") : html(page->second);
  };
}

struct infra_lab {
  // shop-a's certificate also names www.shop-b.test; shop-b serves a certificate of its own.
  test_pki pki_a = make_test_pki({"shop-a.test", "www.shop-b.test"}, {});
  test_pki pki_b = make_test_pki({"shop-b.test"}, {});
  test_origin secure_a{{.tls = pki_a.leaf}};
  test_origin secure_b{{.tls = pki_b.leaf}};
  test_origin plain;
  test_socks5_proxy exit{{.outgoing_address = "127.0.0.11",
                          .hosts = {{"shop-a.test", "127.0.0.1"},
                                    {"shop-b.test", "127.0.0.1"},
                                    {"shop-c.test", "127.0.0.1"},
                                    {"shop-d.test", "127.0.0.1"},
                                    {"shop-e.test", "127.0.0.1"},
                                    {"shop-f.test", "127.0.0.1"},
                                    {"blog-g.test", "127.0.0.1"}}}};
  temp_dir dir;
  std::string database = (dir.path() / "networks.db").string();

  infra_lab() {
    secure_a.route_below("/", pages_by_host({{"shop-a.test", shop_page("Shop A", "")}}));
    secure_b.route_below("/", pages_by_host({{"shop-b.test", shop_page("Shop B", "")}}));
    plain.route("/ip", echo_caller_ip());
    plain.route_below(
        "/",
        pages_by_host({
            // C names D, under D's www host, among its stores; D does not name C back.
            {"shop-c.test", shop_page("Shop C",
                                      "<a href=\"https://www.shop-d.test/\">our other "
                                      "store</a> <a href=\"/about\">about</a>")},
            {"shop-d.test", shop_page("Shop D", "")},
            // E and F both link to a review site that was not crawled: no link.
            {"shop-e.test", shop_page("Shop E", "<a href=\"https://reviews-outside.test/\">r</a>")},
            {"shop-f.test", shop_page("Shop F", "<a href=\"https://reviews-outside.test/\">r</a>")},
            // A blog that sells nothing links to C: no sister link.
            {"blog-g.test",
             "<html><body><p>Where I shop:</p><a "
             "href=\"https://shop-c.test/\">C</a></body></html>"},
        }));
    // Both test CAs trusted, in one bundle.
    std::ofstream(path("ca.pem")) << pki_a.ca.cert_pem << pki_b.ca.cert_pem;
    std::ofstream(path("geocrawl.toml"))
        << config_toml({.echo_url = plain.url("/ip"),
                        .proxies = proxy_entry("jp-1", exit.url("socks5h")),
                        .vantages = "[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\n"})
        << "\n[tls]\nca_file = \"" << path("ca.pem")
        << "\"\n\n[rdap]\nenabled = false\n\n[crawl]\nconcurrency = 4\nretries = 0\n";
    std::ofstream sites(path("sites.txt"));
    sites << url_of(secure_a, "shop-a.test") << "\n" << url_of(secure_b, "shop-b.test") << "\n";
    for (const auto* host :
         {"shop-c.test", "shop-d.test", "shop-e.test", "shop-f.test", "blog-g.test"})
      sites << url_of(plain, host) << "\n";
  }

  static std::string url_of(const test_origin& origin, std::string_view host) {
    const auto any = origin.url("/");
    return any.substr(0, any.find("://") + 3) + std::string(host) + ":" +
           std::to_string(origin.port()) + "/";
  }

  std::string path(std::string_view name) const { return (dir.path() / name).string(); }
};

std::set<std::string> urls_of(const boost::json::array& sites) {
  std::set<std::string> urls;
  for (const auto& site : sites) urls.insert(std::string(site.as_object().at("url").as_string()));
  return urls;
}

// The view ids the database holds for a site's URL.
std::set<std::int64_t> views_of(const std::string& database, const std::string& url) {
  std::set<std::int64_t> ids;
  const auto count = count_of(
      database,
      "SELECT count(*) FROM views v JOIN sites s ON s.id = v.site_id WHERE s.url = '" + url + "'");
  for (std::int64_t i = 0; i < count; ++i) {
    ids.insert(count_of(
        database, "SELECT v.id FROM views v JOIN sites s ON s.id = v.site_id WHERE s.url = '" +
                      url + "' ORDER BY v.id LIMIT 1 OFFSET " + std::to_string(i)));
  }
  return ids;
}

std::set<std::int64_t> ids_in(const boost::json::value& list) {
  std::set<std::int64_t> ids;
  for (const auto& id : list.as_array()) ids.insert(id.as_int64());
  return ids;
}

}  // namespace

TEST_CASE("networks links sites by a certificate naming another and by a shop's sister link") {
  infra_lab lab;
  const auto crawl = run_geocrawl({"crawl", "--sites", lab.path("sites.txt"), "--config",
                                   lab.path("geocrawl.toml"), "--db", lab.database});
  REQUIRE_MESSAGE(crawl.exit_code == 0, crawl.err);
  REQUIRE(count_of(lab.database, "SELECT count(*) FROM views WHERE status = 200") == 7);

  const auto answer = run_geocrawl({"networks", "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(answer.exit_code == 0, answer.err);
  const auto document = boost::json::parse(answer.out).as_object();
  const auto& networks = document.at("networks").as_array();
  REQUIRE(networks.size() == 2);
  const auto a = infra_lab::url_of(lab.secure_a, "shop-a.test");
  const auto b = infra_lab::url_of(lab.secure_b, "shop-b.test");
  const auto c = infra_lab::url_of(lab.plain, "shop-c.test");
  const auto d = infra_lab::url_of(lab.plain, "shop-d.test");
  std::map<std::set<std::string>, boost::json::object> by_members;
  for (const auto& network : networks)
    by_members[urls_of(network.as_object().at("sites").as_array())] = network.as_object();
  REQUIRE(by_members.contains({a, b}));
  REQUIRE(by_members.contains({c, d}));

  // Each link names its identifier and real views on both sides: the pointer's that showed it,
  // the far site's under its domain.
  const auto& by_certificate = by_members[{a, b}].at("links").as_array();
  REQUIRE(by_certificate.size() == 1);
  const auto& certificate_link = by_certificate[0].as_object();
  CHECK(certificate_link.at("kind") == "cert_name");
  CHECK(certificate_link.at("value") == "shop-b.test");
  CHECK(certificate_link.at("strength") == "strong");
  CHECK(certificate_link.at("a").as_string() == a);
  CHECK(certificate_link.at("b").as_string() == b);
  CHECK(ids_in(certificate_link.at("a_views")) == views_of(lab.database, a));
  CHECK(ids_in(certificate_link.at("b_views")) == views_of(lab.database, b));

  const auto& by_sister = by_members[{c, d}].at("links").as_array();
  REQUIRE(by_sister.size() == 1);
  const auto& sister_link = by_sister[0].as_object();
  CHECK(sister_link.at("kind") == "sister_link");
  CHECK(sister_link.at("value") == "shop-d.test");
  CHECK(ids_in(sister_link.at("a_views")) == views_of(lab.database, c));
  CHECK(ids_in(sister_link.at("b_views")) == views_of(lab.database, d));

  // The outside review site is kept as each shop's evidence, and links nothing; the blog's link
  // to C is no sister link.
  const auto sister_rows = [&](const std::string& domain) {
    return count_of(lab.database,
                    "SELECT count(*) FROM view_identifiers WHERE kind = "
                    "'sister_link' AND value = '" +
                        domain + "'");
  };
  CHECK(sister_rows("reviews-outside.test") == 2);
  CHECK(sister_rows("shop-c.test") == 0);
  CHECK(document.at("excluded").as_array().empty());

  // `show` prints the certificate's names, and its JSON lists them.
  const auto shown = run_geocrawl({"show", a, "--db", lab.database});
  REQUIRE_MESSAGE(shown.exit_code == 0, shown.err);
  CHECK(shown.out.find("names:       shop-a.test www.shop-b.test\n") != std::string::npos);
  const auto shown_json = run_geocrawl({"show", a, "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(shown_json.exit_code == 0, shown_json.err);
  CHECK(
      shown_json.out.find(R"("dns_names":["shop-a.test","www.shop-b.test"],"dns_name_count":2)") !=
      std::string::npos);
}

TEST_CASE(
    "networks shows the servers' ASN and the domains' name servers, and never joins by them") {
  crawl_lab lab("concurrency = 2\n");
  lab.origin.route("/a/", [](const received_request&) { return html("<p>first site</p>"); });
  lab.origin.route("/b/", [](const received_request&) { return html("<p>second site</p>"); });
  lab.write_sites({lab.origin.url("/a/"), lab.origin.url("/b/")});
  const auto crawl = run_geocrawl(lab.crawl_arguments());
  REQUIRE_MESSAGE(crawl.exit_code == 0, crawl.err);
  // The RDAP answer for the sites' domain, as a lookup stores it: the registry's case and
  // trailing dot.
  registrar_record record;
  record.domain = "127.0.0.1";
  record.looked_up_at = utc_timestamp();
  record.registrar = "Example Registrar";
  record.name_servers = {"NS1.Host.Example.", "ns2.host.example"};
  store(lab.database).record_registrars({record});

  const auto config = (lab.dir.path() / "networks.toml").string();
  std::ofstream(config) << "[networks]\nasn_database = \"" << test_asn_db << "\"\n";
  const auto answer =
      run_geocrawl({"networks", "--db", lab.database, "--config", config, "--json"});
  REQUIRE_MESSAGE(answer.exit_code == 0, answer.err);
  const auto document = boost::json::parse(answer.out).as_object();
  CHECK(document.at("networks").as_array().empty());
  std::map<std::string, std::set<std::string>> weak;
  for (const auto& shared : document.at("weak").as_array()) {
    const auto& item = shared.as_object();
    auto& sites = weak[std::string(item.at("kind").as_string()) + " " +
                       std::string(item.at("value").as_string())];
    for (const auto& url : item.at("sites").as_array()) sites.insert(std::string(url.as_string()));
  }
  const std::set<std::string> both{lab.origin.url("/a/"), lab.origin.url("/b/")};
  // The direct (baseline) views' address 127.0.0.1 is AS64500 in the test database.
  CHECK(weak["asn AS64500"] == both);
  CHECK(weak["name_server ns1.host.example"] == both);
  CHECK(weak["name_server ns2.host.example"] == both);
  CHECK(weak["ip 127.0.0.1"] == both);

  // Without the database no ASN is shown.
  const auto without = run_geocrawl({"networks", "--db", lab.database, "--json"});
  REQUIRE_MESSAGE(without.exit_code == 0, without.err);
  CHECK(without.out.find("\"asn\"") == std::string::npos);
}

TEST_CASE("an ASN database that will not open is a configuration error when loaded") {
  crawl_lab lab("concurrency = 2\n");
  const auto config = (lab.dir.path() / "networks.toml").string();
  const auto missing = (lab.dir.path() / "no-such-asn.mmdb").string();
  std::ofstream(config) << "[networks]\nasn_database = \"" << missing << "\"\n";
  const auto networks = run_geocrawl({"networks", "--db", lab.database, "--config", config});
  CHECK(networks.exit_code == 2);
  CHECK(networks.err.find("asn_database") != std::string::npos);
  CHECK(networks.err.find(missing) != std::string::npos);
  // A crawl whose config names it stops at load too, before any site is fetched.
  std::ofstream(lab.config_path(), std::ios::app)
      << "\n[networks]\nasn_database = \"" << missing << "\"\n";
  lab.write_sites({lab.origin.url("/a/")});
  const auto crawl = run_geocrawl(lab.crawl_arguments());
  CHECK(crawl.exit_code == 2);
  CHECK(crawl.err.find("asn_database") != std::string::npos);
  CHECK_FALSE(lab.has_run());
}

}  // namespace geocrawl::testing
