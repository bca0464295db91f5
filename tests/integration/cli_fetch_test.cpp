// The geocrawl binary as a user runs it: output, exit status, the database it writes.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "crawler/store/sqlite.hpp"
#include "tests/support/capture_binding.hpp"
#include "tests/support/desktop_googlebot_config.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view shop_page =
    "<html><title>Cheap Viagra</title><p>Buy Viagra online, no prescription needed.</p></html>";
constexpr std::string_view clean_page = "<html><title>Welcome</title><p>Nothing to see.</p></html>";

void serve_cloaked_page(test_origin& origin) {
  origin.route("/", [](const received_request& request) {
    const bool bot = request.header("User-Agent").starts_with("Googlebot");
    return http_response(200, {{"Content-Type", "text/html"}},
                         std::string(bot ? clean_page : shop_page));
  });
}

}  // namespace

TEST_CASE("fetch --json prints one object with a view per vantage") {
  test_origin origin;
  serve_cloaked_page(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--json"});
  CHECK(result.exit_code == 0);
  const auto report = boost::json::parse(result.out).as_object();
  CHECK(report.at("url").as_string() == origin.url("/"));
  const auto& views = report.at("views").as_array();
  REQUIRE(views.size() == 2);
  const auto& desktop = views[0].as_object();
  CHECK(desktop.at("vantage").as_string() == "desktop");
  CHECK(desktop.at("status").as_int64() == 200);
  CHECK(desktop.at("bytes").as_int64() == static_cast<std::int64_t>(shop_page.size()));
  CHECK(desktop.at("title").as_string() == "Cheap Viagra");
  CHECK(desktop.at("charset").as_string() == "utf-8");
  CHECK(desktop.at("no_rx").as_bool());
  REQUIRE(desktop.at("drugs").as_array().size() == 1);
  CHECK(desktop.at("drugs").as_array()[0].as_object().at("drug").as_string() == "sildenafil");
  CHECK(desktop.at("error").is_null());
  CHECK(desktop.at("proxy").is_null());
  CHECK(desktop.at("redirects").as_array().size() == 1);
  CHECK(desktop.at("timings_ms").as_object().contains("total"));
  CHECK(views[1].as_object().at("drugs").as_array().empty());
  CHECK_FALSE(views[1].as_object().at("no_rx").as_bool());
  CHECK(views[0].as_object().at("sha256") != views[1].as_object().at("sha256"));
}

TEST_CASE("fetch --vantage picks one vantage and the report is readable") {
  test_origin origin;
  serve_cloaked_page(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  const auto result =
      run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--vantage", "googlebot"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("[googlebot]") != std::string::npos);
  CHECK(result.out.find("[desktop]") == std::string::npos);
  CHECK(result.out.find("status:      200") != std::string::npos);
}

TEST_CASE("fetch --db records the run, the site, its views and bodies") {
  test_origin origin;
  serve_cloaked_page(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  const temp_file database("", ".db");
  const auto result =
      run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--db", database.path()});
  CHECK(result.exit_code == 0);
  sqlite_db db(database.path());
  auto counts = db.prepare(
      "SELECT (SELECT count(*) FROM runs WHERE status = 'done'), (SELECT count(*) FROM sites), "
      "(SELECT count(*) FROM views WHERE status = 200), (SELECT count(*) FROM bodies), "
      "(SELECT count(*) FROM view_headers), "
      "(SELECT count(*) FROM view_drugs JOIN views ON views.id = view_id WHERE vantage = 'desktop' "
      "AND drug = 'sildenafil'), "
      "(SELECT count(*) FROM views WHERE analysed = 1 AND no_rx = (vantage = 'desktop'))");
  REQUIRE(counts.step());
  CHECK(counts.column_int(0) == 1);
  CHECK(counts.column_int(1) == 1);
  CHECK(counts.column_int(2) == 2);
  CHECK(counts.column_int(3) == 2);
  CHECK(counts.column_int(4) >= 2);
  CHECK(counts.column_int(5) == 1);
  CHECK(counts.column_int(6) == 2);
  CHECK(result.err.find("stored as run 1 in " + database.path()) != std::string::npos);
}

TEST_CASE("fetch --db with a database it cannot open fails before fetching anything") {
  test_origin origin;
  serve_cloaked_page(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  const temp_file not_a_database("this is not an SQLite file, and not empty", ".db");
  const auto result = run_geocrawl(
      {"fetch", origin.url("/"), "--config", config.path(), "--db", not_a_database.path()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("--db " + not_a_database.path()) != std::string::npos);
  CHECK(origin.hits("/") == 0);
  CHECK(result.out.empty());
}

TEST_CASE("a failed fetch exits 1 and says why") {
  test_origin origin;
  // No config: the built-in default refuses loopback targets.
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--json"});
  CHECK(result.exit_code == 1);
  const auto report = boost::json::parse(result.out).as_object();
  CHECK(
      report.at("views").as_array()[0].as_object().at("error").as_object().at("code").as_string() ==
      "blocked_target");
  CHECK(origin.connections() == 0);
}

TEST_CASE("fetch of a bare domain tries https, falls back to http and says which it used") {
  test_origin origin;  // plain HTTP: the https attempt fails in the TLS handshake
  serve_cloaked_page(origin);
  const temp_file config(desktop_googlebot_config, ".toml");
  const auto bare = "127.0.0.1:" + std::to_string(origin.port()) + "/";
  const auto http = origin.url("/");

  const auto json = run_geocrawl({"fetch", bare, "--config", config.path(), "--json"});
  CHECK(json.exit_code == 0);
  const auto report = boost::json::parse(json.out).as_object();
  CHECK(report.at("url").as_string() == bare);
  const auto& fetched = report.at("fetched_urls").as_array();
  REQUIRE(fetched.size() == 1);
  CHECK(fetched[0].as_string() == http);
  for (const auto& view : report.at("views").as_array()) {
    CHECK(view.as_object().at("requested_url").as_string() == http);
    CHECK(view.as_object().at("status").as_int64() == 200);
  }

  const auto text = run_geocrawl({"fetch", bare, "--config", config.path()});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("fetched as " + http + " (desktop, googlebot)") != std::string::npos);
}

TEST_CASE("fetch names the URL's mistake in plain words") {
  const auto result = run_geocrawl({"fetch", "example"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("URL: 'example' is neither a URL nor a domain name") != std::string::npos);
}

TEST_CASE("fetch --vantage with an unknown name lists the config's vantages") {
  const temp_file config(desktop_googlebot_config, ".toml");
  const auto result = run_geocrawl(
      {"fetch", "http://127.0.0.1/", "--config", config.path(), "--vantage", "googlebto"});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--vantage googlebto: no such vantage in " + config.path() +
                        "; the valid names are desktop, googlebot; did you mean `googlebot`?") !=
        std::string::npos);
}

TEST_CASE("fetch --json writes non-ASCII text as UTF-8 and stays JSON when a header is not") {
  test_origin origin;
  const std::string title =
      "\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81\xAE\xE8\x96\xAC\xE5\xB1\x80";  // 日本の薬局
  origin.route("/", [&](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html; charset=utf-8"}, {"X-Raw", "caf\xE9"}},
                         "<html><title>" + title + "</title></html>");
  });
  const temp_file config(desktop_googlebot_config, ".toml");
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--json"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find(title) != std::string::npos);
  CHECK(result.out.find("\\u") == std::string::npos);
  const auto report = boost::json::parse(result.out).as_object();  // throws on invalid UTF-8
  const auto& desktop = report.at("views").as_array()[0].as_object();
  CHECK(desktop.at("title").as_string() == title);
  bool replaced = false;
  for (const auto& header : desktop.at("headers").as_array()) {
    if (header.as_array()[0].as_string() == "X-Raw")
      replaced = header.as_array()[1].as_string() == "caf\xEF\xBF\xBD";
  }
  CHECK(replaced);
}

TEST_CASE("a certificate from an unknown CA is reported with the config key that trusts one") {
  const auto pki = make_test_pki({"localhost"}, {"127.0.0.1"});
  test_origin origin({.tls = pki.leaf});
  origin.route("/", [](const received_request&) { return http_response(200, {}, "private"); });
  const temp_file config(desktop_googlebot_config, ".toml");
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path()});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("set tls.ca_file in the config") != std::string::npos);
}

TEST_CASE("usage and configuration mistakes exit 2 naming what is wrong") {
  const temp_file bad_config("[limits]\nmax_redirects = \"many\"\n", ".toml");
  const temp_file good_config(desktop_googlebot_config, ".toml");
  struct example {
    std::vector<std::string> arguments;
    std::string message;
  };
  const example examples[] = {
      {{}, "A subcommand is required"},
      {{"fetch"}, "URL is required"},
      {{"fetch", "ftp://example.com/"}, "URL: 'ftp:' URLs are not crawled, only http and https"},
      {{"fetch", "http://127.0.0.1/", "--config", bad_config.path()},
       bad_config.path() + ":2: limits.max_redirects: expected an integer"},
      {{"fetch", "http://127.0.0.1/", "--config", "/nonexistent.toml"},
       "/nonexistent.toml: cannot open"},
      {{"fetch", "http://127.0.0.1/", "--config", good_config.path(), "--vantage", "jp"},
       "--vantage jp: no such vantage"},
      {{"fetch", "http://127.0.0.1/", "--bogus"}, "--bogus"},
  };
  for (const auto& [arguments, message] : examples) {
    CAPTURE_BINDING(message);
    const auto result = run_geocrawl(arguments);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(message) != std::string::npos);
  }
}

}  // namespace geocrawl::testing
