// A crawl fetches each site's favicon once, through the vantage of its first view that got an
// answer (issue 20): the page's <link rel=icon> resolved against the view's final URL, else
// /favicon.ico at its origin; bounded by [limits] max_favicon_bytes and the address policy; the
// outcome stored with that view, a hash as its `favicon` identifier, counted in the summary,
// shown by `show`; a failed icon fails neither the site nor the run. Through a SOCKS5 double the
// icon goes through the same proxy as the view.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <string>

#include <boost/json/parse.hpp>

#include "crawler/store/sqlite.hpp"
#include "parsers/favicon_hash.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::size_t icon_limit = 4096;

// Icon-like bytes of a given size, each size its own.
std::string icon_bytes(std::size_t size) {
  std::string bytes = "\x89PNG\r\n\x1a\n";
  for (std::size_t i = bytes.size(); i < size; ++i)
    bytes += static_cast<char>((i * 31 + size) & 0xff);
  bytes.resize(size);
  return bytes;
}

handler serve(int status, std::string content_type, std::string body) {
  return [=](const received_request&) {
    return http_response(status, {{"Content-Type", content_type}}, body);
  };
}

handler page(std::string head) {
  return serve(
      200, "text/html; charset=utf-8",
      "<html><head><title>shop</title>" + head + "</head><body><p>hello</p></body></html>");
}

// One row of view_favicons for the site at `url`, columns joined by '|', NULL as "".
std::string favicon_row(const std::string& database, const std::string& url) {
  sqlite_db db(database);
  auto query = db.prepare(
      "SELECT f.url, f.outcome, f.status, f.bytes, coalesce(f.hash, ''), "
      "coalesce(f.error_code, ''), v.vantage FROM view_favicons f JOIN views v ON v.id = f.view_id "
      "JOIN sites s ON s.id = v.site_id WHERE s.url = ?");
  query.bind(1, url);
  if (!query.step()) return "none";
  std::string row;
  for (int i = 0; i < 7; ++i) row += (i ? "|" : "") + query.column_text(i);
  CHECK_FALSE(query.step());  // once per site
  return row;
}

}  // namespace

TEST_CASE("a crawl hashes each site's favicon once, from its link or /favicon.ico, within bounds") {
  test_origin origin;
  // Where a redirect sends the icon: an address the policy refuses, so it must see nothing.
  test_origin refused({.bind_address = "127.0.0.2"});
  const auto linked = icon_bytes(1500);
  const auto fallback = icon_bytes(700);
  origin.route("/a/", page("<link rel='shortcut icon' href='/icons/a.png'>"));
  origin.route("/icons/a.png", serve(200, "image/png", linked));
  origin.route("/b/", page(""));  // no link: /favicon.ico
  // The same icon as /a/ (every site of a CMS shares its default): weak evidence, no link.
  origin.route("/f/", page("<link rel=icon href='/icons/a.png'>"));
  origin.route("/favicon.ico", serve(200, "image/x-icon", fallback));
  origin.route("/c/", page("<link rel=icon href='/icons/missing.png'>"));
  origin.route("/icons/missing.png", serve(404, "text/plain", "not found"));
  origin.route("/d/", page("<link rel=icon href='/icons/huge.png'>"));
  origin.route("/icons/huge.png", serve(200, "image/png", icon_bytes(10 * icon_limit)));
  origin.route("/e/", page("<link rel=icon href='/icons/away.png'>"));
  origin.route("/icons/away.png", [away = refused.url("/icon.png")](const received_request&) {
    return http_response(302, {{"Location", away}}, "");
  });
  refused.route("/icon.png", serve(200, "image/png", linked));

  temp_dir dir;
  const auto database = (dir.path() / "crawl.db").string();
  const auto config = (dir.path() / "geocrawl.toml").string();
  const auto sites = (dir.path() / "sites.txt").string();
  std::ofstream(config) << "[limits]\ntimeout_s = 5\nconnect_timeout_s = 2\nread_timeout_s = 2\n"
                        << "max_favicon_bytes = " << icon_limit
                        << "\nallow_networks = [\"127.0.0.1/32\"]\n\n[crawl]\nretries = 0\n\n"
                           "[[vantage]]\nname = \"direct\"\n";
  std::ofstream(sites) << origin.url("/a/") << "\n"
                       << origin.url("/b/") << "\n"
                       << origin.url("/c/") << "\n"
                       << origin.url("/d/") << "\n"
                       << origin.url("/e/") << "\n"
                       << origin.url("/f/") << "\n";
  const auto result =
      run_geocrawl({"crawl", "--sites", sites, "--config", config, "--db", database});
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  // No icon outcome fails the run or a site.
  REQUIRE(result.exit_code == 0);
  CHECK(count_of(database, "SELECT count(*) FROM views WHERE error_code IS NOT NULL") == 0);
  CHECK(count_of(database, "SELECT sites_done FROM runs WHERE id = 1") == 6);

  CHECK(favicon_row(database, origin.url("/a/")) ==
        origin.url("/icons/a.png") + "|hashed|200|1500|" + std::to_string(favicon_hash(linked)) +
            "||direct");
  CHECK(favicon_row(database, origin.url("/b/")) ==
        origin.url("/favicon.ico") + "|hashed|200|700|" + std::to_string(favicon_hash(fallback)) +
            "||direct");
  CHECK(favicon_row(database, origin.url("/c/")) ==
        origin.url("/icons/missing.png") + "|http_error|404|9|||direct");
  CHECK(favicon_row(database, origin.url("/d/")) == origin.url("/icons/huge.png") +
                                                        "|oversize|200|" +
                                                        std::to_string(icon_limit) + "|||direct");
  CHECK(favicon_row(database, origin.url("/e/")) ==
        origin.url("/icons/away.png") + "|failed|0|0||blocked_target|direct");
  CHECK(refused.connections() == 0);
  // Each site's icon was asked for over its page's connection, which the origin kept open.
  CHECK(origin.connections() == 6);
  // Each icon was asked for once per site that names it.
  CHECK(origin.hits("/icons/a.png") == 2);
  CHECK(origin.hits("/favicon.ico") == 1);
  CHECK(origin.hits("/icons/huge.png") == 1);

  // The hashes are the views' favicon identifiers, where `networks` reads them.
  CHECK(count_of(database, "SELECT count(*) FROM view_identifiers WHERE kind = 'favicon'") == 3);
  CHECK(count_of(database,
                 "SELECT count(*) FROM view_identifiers WHERE kind = 'favicon' AND "
                 "value = '" +
                     std::to_string(favicon_hash(linked)) + "'") == 2);
  CHECK(result.out.find("favicons: failed 1 hashed 3 http_error 1 oversize 1") !=
        std::string::npos);

  // `networks` shows the shared icon as weak evidence and joins nothing by it.
  const auto networks = run_geocrawl({"networks", "--db", database, "--json"});
  INFO("networks: " << networks.out << networks.err);
  REQUIRE(networks.exit_code == 0);
  const auto linked_sites = boost::json::parse(networks.out);
  CHECK(linked_sites.at("networks").as_array().empty());
  // The weak list also holds the one loopback address every site was served from.
  const auto& weak = linked_sites.at("weak").as_array();
  const auto shared_icon = std::find_if(weak.begin(), weak.end(), [](const boost::json::value& id) {
    return id.at("kind") == "favicon";
  });
  REQUIRE(shared_icon != weak.end());
  CHECK(std::string(shared_icon->at("value").as_string()) == std::to_string(favicon_hash(linked)));
  CHECK(shared_icon->at("sites").as_array().size() == 2);

  const auto shown = run_geocrawl({"show", origin.url("/a/"), "--db", database});
  INFO("show: " << shown.out << shown.err);
  REQUIRE(shown.exit_code == 0);
  CHECK(shown.out.find("favicon:     " + origin.url("/icons/a.png")) != std::string::npos);
  CHECK(shown.out.find("hashed " + std::to_string(favicon_hash(linked)) +
                       " (Shodan http.favicon.hash), status 200, 1500 bytes") != std::string::npos);
  const auto json = run_geocrawl({"show", origin.url("/e/"), "--db", database, "--json"});
  REQUIRE(json.exit_code == 0);
  const auto answer = boost::json::parse(json.out);
  const auto& icon = answer.at("views").at(0).at("favicon");
  CHECK(icon.at("outcome") == "failed");
  CHECK(icon.at("error").at("code") == "blocked_target");
  CHECK(icon.at("hash").is_null());
}

TEST_CASE("the favicon goes through the same proxy as the first view that got an answer") {
  crawl_lab lab("retries = 0\n");
  // The icon lives on a host of its own, so the proxy's CONNECTs tell it apart from the page.
  test_origin icons;
  const auto bytes = icon_bytes(900);
  icons.route("/jp.png", serve(200, "image/png", bytes));
  lab.origin.route("/shop/", page("<link rel=icon href='" + icons.url("/jp.png") + "'>"));
  // The JP vantage first: its view is the first, so the icon is fetched through its proxy.
  std::ofstream(lab.config_path())
      << config_toml({.echo_url = lab.origin.url("/ip"),
                      .proxies = proxy_entry("jp-1", lab.japan.url("socks5h")),
                      .vantages = "[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\n\n"
                                  "[[vantage]]\nname = \"default\"\nbaseline = true\n",
                      .timeout_s = 5})
      << "\n[crawl]\nretries = 0\n";
  lab.write_sites({lab.origin.url("/shop/")});
  const auto result = run_geocrawl(lab.crawl_arguments());
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(favicon_row(lab.database, lab.origin.url("/shop/")) ==
        icons.url("/jp.png") + "|hashed|200|900|" + std::to_string(favicon_hash(bytes)) + "||jp");
  // Asked once, and only through the JP exit.
  const auto asked = icons.requests();
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].target == "/jp.png");
  CHECK(through_japan(asked[0]));
  const auto tunnels = lab.japan.requests();
  CHECK(std::count_if(tunnels.begin(), tunnels.end(), [&](const socks5_request& request) {
          return request.port == icons.port();
        }) == 1);
}

TEST_CASE("a retried view starts on a new connection, which its site's favicon then shares") {
  test_origin origin;
  std::atomic<int> asked{0};
  // Busy the first time, with the connection left open: the retry must not take it up.
  origin.route("/shop/", [&](const received_request&) {
    if (asked++ == 0) return http_response(503, {{"Content-Type", "text/plain"}}, "busy");
    return http_response(200, {{"Content-Type", "text/html; charset=utf-8"}},
                         "<html><head><title>shop</title></head><body>hi</body></html>");
  });
  origin.route("/favicon.ico", serve(200, "image/x-icon", icon_bytes(300)));
  temp_dir dir;
  const auto database = (dir.path() / "crawl.db").string();
  const auto config = (dir.path() / "geocrawl.toml").string();
  const auto sites = (dir.path() / "sites.txt").string();
  std::ofstream(config) << "[limits]\ntimeout_s = 5\nallow_networks = [\"127.0.0.1/32\"]\n\n"
                           "[crawl]\nretries = 1\nretry_backoff_s = 0.05\n\n"
                           "[[vantage]]\nname = \"direct\"\n";
  std::ofstream(sites) << origin.url("/shop/") << "\n";
  const auto result =
      run_geocrawl({"crawl", "--sites", sites, "--config", config, "--db", database});
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(origin.hits("/shop/") == 2);
  CHECK(favicon_row(database, origin.url("/shop/")).find("|hashed|200|300|") != std::string::npos);
  CHECK(origin.connections() == 2);
}

}  // namespace geocrawl::testing
