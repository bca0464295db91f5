// Rendered vantages through the binary: `fetch --json` with a Japanese and an American vantage,
// each through its own verified SOCKS5 proxy, both rendered. The site serves everyone the same
// HTML; only its script shows the shop, and only to a browser that reads as Japanese.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/render_lab.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_geoip.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {
namespace {

namespace json = boost::json;

constexpr std::string_view script_cloaked_page =
    "<!doctype html><html><head><title>工事中</title></head><body><p>under construction</p>"
    "<script>if (navigator.language.startsWith('ja')) document.body.innerHTML ="
    " '<h1>Cheap Viagra</h1><p>Buy Viagra online, no prescription needed.</p>';</script>"
    "</body></html>";

constexpr std::string_view rendered_vantages =
    "[[vantage]]\nname = \"us\"\nbaseline = true\ncountry = \"US\"\nrender = true\n\n"
    "[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\nrender = true\n"
    "accept_language = \"ja-JP,ja;q=0.9\"\n\n"
    "[render]\nsettle_ms = 300\ntimeout_ms = 10000\n"
    // At geocrawl's priority: a test machine busy with builds leaves a niced browser too little.
    "nice = 0\n";

const json::object& view_named(const json::array& views, std::string_view name) {
  for (const auto& view : views) {
    if (view.as_object().at("vantage").as_string() == name) return view.as_object();
  }
  FAIL("no view for vantage ", name);
  static const json::object none;
  return none;
}

bool names_drug(const json::object& analysis, std::string_view drug) {
  for (const auto& hit : analysis.at("drugs").as_array()) {
    if (hit.as_object().at("drug").as_string() == drug) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("fetch: a rendered vantage's browser sees the script's shop through its own proxy") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  test_origin origin;
  origin.route("/ip", echo_caller_ip());
  origin.route("/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html; charset=utf-8"}},
                         std::string(script_cloaked_page));
  });
  test_socks5_proxy japan({.outgoing_address = std::string(jp_address)});
  test_socks5_proxy america({.outgoing_address = std::string(us_address)});
  const temp_file config(config_toml({.echo_url = origin.url("/ip"),
                                      .proxies = proxy_entry("jp-1", japan.url("socks5h"), "JP") +
                                                 proxy_entry("us-1", america.url("socks5h"), "US"),
                                      .vantages = std::string(rendered_vantages)}),
                         ".toml");
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path(), "--json"});
  INFO("stderr: ", result.err);
  REQUIRE(result.exit_code == 0);
  const auto report = json::parse(result.out).as_object();
  const auto& views = report.at("views").as_array();
  const auto& jp = view_named(views, "jp");
  const auto& us = view_named(views, "us");
  // Served the same HTML: the served analysis finds no shop for either.
  CHECK(jp.at("sha256") == us.at("sha256"));
  CHECK(jp.at("drugs").as_array().empty());

  const auto& jp_rendered = jp.at("rendered").as_object();
  const auto& us_rendered = us.at("rendered").as_object();
  INFO("jp rendered: ", json::serialize(jp_rendered));
  CHECK(jp_rendered.at("error").is_null());
  CHECK(us_rendered.at("error").is_null());
  CHECK(names_drug(jp_rendered.at("analysis").as_object(), "sildenafil"));
  CHECK_FALSE(names_drug(us_rendered.at("analysis").as_object(), "sildenafil"));
  CHECK(jp_rendered.at("emulation").as_object().at("time_zone").as_string() == "Asia/Tokyo");
  CHECK(us_rendered.at("emulation").as_object().at("time_zone").as_string() == "America/New_York");
  CHECK(jp_rendered.at("screenshot_bytes").as_int64() > 0);

  // The page's request went through the relay and the vantage's proxy: the origin saw each
  // browser arrive from its proxy's exit, with its language.
  bool page_listed = false;
  for (const auto& request : jp_rendered.at("requests").as_array()) {
    const auto& fields = request.as_object();
    if (fields.at("target").as_string() == origin.url("/") && fields.at("status") == 200)
      page_listed = true;
  }
  CHECK(page_listed);
  bool japanese_browser_from_japan = false;
  for (const auto& request : origin.requests()) {
    if (request.target == "/" && request.peer_address == jp_address &&
        request.header("Accept-Language") == "ja-JP,ja;q=0.9" &&
        request.header("Upgrade-Insecure-Requests") == "1")
      japanese_browser_from_japan = true;
  }
  CHECK(japanese_browser_from_japan);

  // The comparison: the same HTML served to both, a shop only in Japan's browser. The site is
  // cloaked, and the reason says a script did it.
  CHECK(report.at("verdict").as_string() == "cloaked");
  bool script_reason = false;
  for (const auto& comparison : report.at("comparisons").as_array()) {
    const auto& fields = comparison.as_object();
    if (fields.at("vantage").as_string() != "jp") continue;
    CHECK(fields.at("verdict").as_string() == "cloaked");
    for (const auto& reason : fields.at("reasons").as_array()) {
      const auto words = std::string(reason.as_string());
      if (words.starts_with("jp: a script") && words.find("sildenafil") != std::string::npos)
        script_reason = true;
    }
  }
  INFO("comparisons: ", json::serialize(report.at("comparisons")));
  CHECK(script_reason);
}

// `crawl` with one rendered vantage on a site that asks for 500 windows and a plain one; the
// browser as `executable`. Returns the crawl's result, its database in `dir`.
command_result crawl_rendered(const temp_dir& dir, test_origin& origin,
                              const std::string& executable) {
  origin.route("/plain/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}},
                         "<!doctype html><title>plain</title><p>nothing to see");
  });
  origin.route("/windows/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}},
                         "<!doctype html><title>windows</title><script>"
                         "for (let i = 0; i < 500; i++) window.open('/plain/?' + i);</script>");
  });
  const auto config = (dir.path() / "geocrawl.toml").string();
  const auto sites = (dir.path() / "sites.txt").string();
  std::ofstream(config) << "[limits]\nallow_networks = [\"127.0.0.1/32\"]\n\n"
                           "[crawl]\nretries = 0\n\n[render]\nsettle_ms = 300\ntimeout_ms = 10000\n"
                           "nice = 0\nexecutable = \""
                        << executable << "\"\n\n[[vantage]]\nname = \"here\"\nrender = true\n";
  std::ofstream(sites) << origin.url("/plain/") << "\n" << origin.url("/windows/") << "\n";
  return run_geocrawl(
      {"crawl", "--sites", sites, "--config", config, "--db", (dir.path() / "crawl.db").string()});
}

TEST_CASE("crawl: the summary counts rendered views by error, a page's windows are its own") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  test_origin origin;
  temp_dir dir;
  const auto result = crawl_rendered(dir, origin, "chromium");
  INFO("stdout: ", result.out);
  INFO("stderr: ", result.err);
  // A page asking for too many windows is the site's result, not a failure of the run.
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("rendered: 2 views, 1 with a render error: render_targets 1\n") !=
        std::string::npos);
  CHECK(result.out.find("degraded") == std::string::npos);
  CHECK(count_of((dir.path() / "crawl.db").string(),
                 "SELECT count(*) FROM rendered_views WHERE error_code = 'render_targets' AND "
                 "error_message LIKE 'the page asked for 500 windows%'") == 1);
  // The popup blocker let none of them reach the origin: /plain/ was fetched and rendered, once.
  CHECK(origin.hits("/plain/") == 2);
}

TEST_CASE("crawl: a browser that cannot start degrades the run, exit 3, and the summary says so") {
  test_origin origin;
  temp_dir dir;
  // An executable that is no browser: the config loads, every rendered view fails to start one.
  const auto result = crawl_rendered(dir, origin, "/bin/false");
  INFO("stdout: ", result.out);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 3);
  CHECK(result.out.find("rendered: 2 views, 2 with a render error: render_unavailable 2\n") !=
        std::string::npos);
  CHECK(result.out.find("degraded: the browser failed 2 rendered views") != std::string::npos);
  CHECK(result.out.find("run 1 done") != std::string::npos);
}

TEST_CASE("fetch: a browser that cannot start is reported and the fetch exits 3, degraded") {
  test_origin origin;
  origin.route("/", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}}, "<title>plain</title><p>hello");
  });
  const temp_file config(
      "[limits]\nallow_networks = [\"127.0.0.1/32\"]\n\n[render]\nexecutable = \"/bin/false\"\n\n"
      "[[vantage]]\nname = \"here\"\nrender = true\n",
      ".toml");
  const auto result = run_geocrawl({"fetch", origin.url("/"), "--config", config.path()});
  INFO("stdout: ", result.out);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 3);
  CHECK(result.out.find("render error: render_unavailable") != std::string::npos);
  CHECK(result.err.find("the browser failed 1 rendered views") != std::string::npos);
}

TEST_CASE("fetch: render = true without Chromium exits 2 and names the package") {
  const temp_file config(
      "[render]\nexecutable = \"/nonexistent/chromium\"\n\n[[vantage]]\nname = \"here\"\n"
      "render = true\n",
      ".toml");
  const auto result = run_geocrawl({"fetch", "http://127.0.0.1:9/", "--config", config.path()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("package chromium") != std::string::npos);
  CHECK(result.err.find("vantage[0].render") != std::string::npos);
}

}  // namespace geocrawl::testing
