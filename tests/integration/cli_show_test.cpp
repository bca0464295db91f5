// `geocrawl show` as an analyst uses it after a fetch or a crawl: the stored evidence printed
// again, the body written back byte for byte, and clear answers when something is not there.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "crawler/store/sqlite.hpp"
#include "crawler/view/sha256.hpp"
#include "tests/support/desktop_googlebot_config.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::string_literals;

// What a hostile shop serves a browser: markup around NUL bytes, bytes that are not UTF-8,
// and a terminal escape sequence.
const std::string shop_page =
    "<html><title>Cheap Viagra</title><p>Buy Viagra online, no prescription needed.</p>"s +
    "\0\0\xff\xfe\xc3\x28\x1b[31m\0</html>"s;
const std::string clean_page = "<html><title>Welcome</title><p>Nothing to see.</p></html>";

void serve_cloaked_page(test_origin& origin) {
  origin.route("/", [](const received_request& request) {
    const bool bot = request.header("User-Agent").starts_with("Googlebot");
    return http_response(200, {{"Content-Type", "text/html"}, {"X-Shop", "tokyo branch"}},
                         bot ? clean_page : shop_page);
  });
}

// A site fetched from two vantages with --db: what fetch printed, and the database.
struct fetched_site {
  test_origin origin;
  temp_file config{desktop_googlebot_config, ".toml"};
  temp_file database{"", ".db"};
  std::string url;
  command_result report;
  command_result json;

  fetched_site() {
    serve_cloaked_page(origin);
    url = origin.url("/");
    report = run_geocrawl({"fetch", url, "--config", config.path(), "--db", database.path()});
    json =
        run_geocrawl({"fetch", url, "--config", config.path(), "--db", database.path(), "--json"});
    REQUIRE(report.exit_code == 0);
    REQUIRE(json.exit_code == 0);
  }

  command_result show(std::vector<std::string> words) const {
    words.insert(words.begin(), {"show", url, "--db", database.path()});
    return run_geocrawl(words);
  }

  std::string stored_sha256(const std::string& vantage, std::int64_t run) const {
    sqlite_db db(database.path());
    auto query = db.prepare(
        "SELECT v.body_sha256 FROM views v JOIN sites s ON s.id = v.site_id "
        "WHERE v.vantage = ? AND s.run_id = ?");
    query.bind(1, vantage).bind(2, run);
    REQUIRE(query.step());
    return query.column_text(0);
  }
};

}  // namespace

TEST_CASE("show --body writes the stored body byte for byte, NULs and invalid UTF-8 too") {
  const fetched_site site;
  const auto desktop = site.show({"--vantage", "desktop", "--body"});
  CHECK(desktop.exit_code == 0);
  CHECK(desktop.err.empty());
  CHECK(desktop.out == shop_page);
  CHECK(sha256_hex(desktop.out) == site.stored_sha256("desktop", 2));
  const auto googlebot = site.show({"--vantage", "googlebot", "--body", "--run", "1"});
  CHECK(googlebot.exit_code == 0);
  CHECK(googlebot.out == clean_page);
  CHECK(sha256_hex(googlebot.out) == site.stored_sha256("googlebot", 1));
}

TEST_CASE("show prints the report fetch printed, and --json the JSON fetch --json printed") {
  const fetched_site site;
  // Run 1 was the text fetch, run 2 (the latest) the JSON one.
  const auto report = site.show({"--run", "1"});
  CHECK(report.exit_code == 0);
  CHECK(report.out == site.report.out);
  CHECK(report.out.find("verdict: ") != std::string::npos);

  const auto shown = site.show({"--json"});
  CHECK(shown.exit_code == 0);
  const auto stored = boost::json::parse(shown.out).as_object();
  const auto fetched = boost::json::parse(site.json.out).as_object();
  CHECK(stored.at("run").as_int64() == 2);
  CHECK(stored.at("url") == fetched.at("url"));
  CHECK(stored.at("verdict") == fetched.at("verdict"));
  // Every field of every view as fetch printed it.
  CHECK(stored.at("views") == fetched.at("views"));
  const auto& comparisons = stored.at("comparisons").as_array();
  REQUIRE(comparisons.size() == 1);
  const auto& pair = comparisons[0].as_object();
  const auto& fetched_pair = fetched.at("comparisons").as_array()[0].as_object();
  CHECK(pair.at("verdict") == fetched_pair.at("verdict"));
  CHECK(pair.at("score") == fetched_pair.at("score"));
  CHECK(pair.at("reasons") == fetched_pair.at("reasons"));
  CHECK(pair.at("text").is_null());  // the text measures are not stored

  const auto one = site.show({"--json", "--vantage", "googlebot"});
  CHECK(boost::json::parse(one.out).at("views").as_array().size() == 1);
}

TEST_CASE("show --headers prints one view's final response headers") {
  const fetched_site site;
  const auto headers = site.show({"--vantage", "googlebot", "--headers"});
  CHECK(headers.exit_code == 0);
  CHECK(headers.out.starts_with("HTTP 200\n"));
  CHECK(headers.out.find("\nContent-Type: text/html\n") != std::string::npos);
  CHECK(headers.out.find("\nX-Shop: tokyo branch\n") != std::string::npos);

  SUBCASE("with several views and no --vantage, it names them and exits 2") {
    for (const auto* flag : {"--headers", "--body"}) {
      CAPTURE(flag);
      const auto result = site.show({flag});
      CHECK(result.exit_code == 2);
      CHECK(result.out.empty());
      CHECK(result.err.find("choose one with --vantage (desktop, googlebot)") != std::string::npos);
    }
  }
}

TEST_CASE("show names what exists when the site, run or vantage asked for does not") {
  const fetched_site site;
  SUBCASE("an unknown site") {
    const auto result = run_geocrawl({"show", "shop.example", "--db", site.database.path()});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("shop.example: no such site in run 2; its sites are " + site.url) !=
          std::string::npos);
  }
  SUBCASE("the site's URL without its trailing slash is the same site") {
    auto url = site.url;
    url.pop_back();
    const auto result =
        run_geocrawl({"show", url, "--db", site.database.path(), "--vantage", "desktop", "--body"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == shop_page);
  }
  SUBCASE("an unknown run") {
    const auto result = site.show({"--run", "9"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("--run 9: no such run in " + site.database.path() +
                          "; its runs are 2, 1") != std::string::npos);
  }
  SUBCASE("an unknown vantage") {
    const auto result = site.show({"--vantage", "jp", "--body"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(result.err.find("--vantage jp: no such vantage in " + site.url +
                          " in run 2; the valid names are desktop, googlebot") !=
          std::string::npos);
  }
  SUBCASE("no database") {
    const auto result = run_geocrawl({"show", site.url, "--db", site.database.path() + ".gone"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("no such file") != std::string::npos);
  }
  SUBCASE("usage mistakes exit 2") {
    CHECK(site.show({"--run", "last"}).exit_code == 2);
    CHECK(site.show({"--body", "--json"}).exit_code == 2);
  }
}

TEST_CASE("show --body refuses a stored body that no longer has its SHA-256") {
  const fetched_site site;
  const auto sha = site.stored_sha256("googlebot", 2);
  {
    sqlite_db db(site.database.path());
    // The clean page is too small for zstd to pay: stored as it is, altered in place.
    auto alter = db.prepare("UPDATE bodies SET data = ? WHERE sha256 = ? AND compression = 'none'");
    alter.bind_blob(1, std::string(clean_page.size(), 'x')).bind(2, sha).run();
    REQUIRE(db.changes() == 1);
  }
  const auto result = site.show({"--vantage", "googlebot", "--body"});
  CHECK(result.exit_code == 1);
  CHECK(result.out.empty());
  CHECK(result.err.find("the stored body " + sha + " has another SHA-256") != std::string::npos);
  // The other view's body is intact.
  CHECK(site.show({"--vantage", "desktop", "--body"}).exit_code == 0);
}

TEST_CASE("geocrawl help show describes the command") {
  const auto result = run_geocrawl({"help", "show"});
  CHECK(result.exit_code == 0);
  for (const auto* flag : {"--body", "--headers", "--json", "--vantage", "--run", "--db"}) {
    CAPTURE(flag);
    CHECK(result.out.find(flag) != std::string::npos);
  }
}

}  // namespace geocrawl::testing
