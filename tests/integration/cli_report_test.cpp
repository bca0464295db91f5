// `geocrawl report` as an analyst runs it after a fetch: the stored evidence written as the
// static HTML report and opened in Debian's Chromium from file://, with a screenshot of the
// page each vantage was served; hostile pages shown as text; the report written without
// images when there is no browser; clear answers when the run or a site is not there.
// One test starts a browser (for the screenshots and the DOM dumps); the others do not.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/support/desktop_googlebot_config.hpp"
#include "tests/support/dom_dump.hpp"
#include "tests/support/hostile_report_site.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::string_literals;

// The shop a browser is shown: a title that closes itself and opens a script, a script that
// would add injected_marker, a javascript: link and bytes that are not UTF-8.
std::string shop_page() {
  return "<html><head><title>&lt;/title&gt;&lt;script&gt;document.title=1&lt;/script&gt; "
         "Cheap Viagra</title></head><body>"s +
         injected_script() +
         "<p>Buy Viagra online, no prescription needed.</p>"
         "<a href=\"javascript:alert(1)\">order now</a>\xff\xfe</body></html>";
}

const std::string clean_page = "<html><title>Welcome</title><p>Nothing to see.</p></html>";

// Googlebot is shown a clean page, everyone else the shop; /big is 3 MB of text.
void serve_pages(test_origin& origin) {
  origin.route("/", [](const received_request& request) {
    const bool bot = request.header("User-Agent").starts_with("Googlebot");
    return http_response(200, {{"Content-Type", "text/html"}}, bot ? clean_page : shop_page());
  });
  origin.route("/big", [](const received_request&) {
    std::string body = "<html><title>Big</title><p>";
    while (body.size() < 3 * 1024 * 1024) body += "viagra without prescription, cheap. ";
    return http_response(200, {{"Content-Type", "text/html"}}, body + "</p></html>");
  });
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The one site page of a report.
std::filesystem::path only_site_page(const std::filesystem::path& report) {
  std::vector<std::filesystem::path> pages;
  for (const auto& entry : std::filesystem::directory_iterator(report / "sites"))
    pages.push_back(entry.path());
  REQUIRE(pages.size() == 1);
  return pages.front();
}

// Run 1: the cloaking shop fetched from both vantages; run 2: the big page.
struct fetched_runs {
  test_origin origin;
  temp_file config{desktop_googlebot_config, ".toml"};
  temp_file database{"", ".db"};
  temp_dir dir;

  fetched_runs() {
    serve_pages(origin);
    for (const auto* path : {"/", "/big"}) {
      const auto fetched = run_geocrawl(
          {"fetch", origin.url(path), "--config", config.path(), "--db", database.path()});
      REQUIRE_MESSAGE(fetched.exit_code == 0, fetched.err);
    }
  }

  command_result report(std::vector<std::string> words) const {
    words.insert(words.begin(), {"report", "--db", database.path()});
    return run_geocrawl(words);
  }
};

}  // namespace

TEST_CASE("report: Chromium opens the written report, screenshots are PNGs, nothing runs") {
  if (!std::filesystem::exists(chromium)) {
    MESSAGE("skipped: /usr/bin/chromium is not installed (scripts/setup.sh installs it)");
    return;
  }
  const fetched_runs runs;
  const auto report = runs.dir.path() / "report";
  const auto written = runs.report({"--run", "1", "--out", report.string()});
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  CHECK(has(written.out, "report: 1 sites of run 1, 2 screenshots taken, 0 failed"));
  CHECK(has(written.out, "open file://" + (report / "index.html").string()));

  const auto index = dump_dom(report / "index.html", runs.dir.path() / "profile");
  REQUIRE_MESSAGE(index.exit_code == 0, index.err);
  CHECK(has(index.out, runs.origin.url("/")));
  CHECK(has(index.out, "data-verdict=\"cloaked\""));
  CHECK_FALSE(has(index.err, "Content Security Policy"));

  const auto page = only_site_page(report);
  const auto site = dump_dom(page, runs.dir.path() / "profile");
  REQUIRE_MESSAGE(site.exit_code == 0, site.err);
  CHECK_FALSE(has(site.out, injected_marker));
  CHECK_FALSE(has(site.err, "Content Security Policy"));
  CHECK(has(site.out, runs.origin.url("/")));
  CHECK(has(site.out, "cloaked"));
  CHECK(has(site.out, "desktop"));
  CHECK(has(site.out, "googlebot"));
  CHECK(has(site.out, "&lt;/title&gt;&lt;script&gt;document.title=1"));
  CHECK(has(site.out, "<mark>Viagra</mark>"));  // the visible text, read again from the body
  CHECK_FALSE(has(site.out, "href=\"javascript"));

  // Each vantage's screenshot: an image inside the report that is a PNG.
  constexpr std::string_view image = "src=\"../screenshots/";
  std::size_t images = 0;
  for (auto at = site.out.find(image); at != std::string::npos && images < 4;
       at = site.out.find(image, at + 1), ++images) {
    const auto start = at + std::string_view("src=\"../").size();
    const auto name = site.out.substr(start, site.out.find('"', start) - start);
    CHECK(file_text(report / name).starts_with("\x89PNG\r\n\x1a\n"));
  }
  CHECK(images == 2);
}

TEST_CASE("report without a browser, or with --no-screenshots: written, and says why") {
  const fetched_runs runs;
  const auto missing = runs.dir.path() / "missing";
  const auto without = runs.report({"--run", "1", "--out", missing.string(), "--browser",
                                    (runs.dir.path() / "no-chromium").string()});
  CHECK(without.exit_code == 0);
  CHECK(has(without.err, "the report has no screenshots: "));
  CHECK(has(without.out, "0 screenshots taken, 2 failed (browser_unavailable 2)"));
  CHECK(has(file_text(only_site_page(missing)), "no screenshot: browser_unavailable"));
  CHECK(std::filesystem::exists(missing / "index.html"));

  const auto skipped = runs.dir.path() / "skipped";
  const auto no_shots = runs.report({"--run", "1", "--out", skipped.string(), "--no-screenshots"});
  CHECK(no_shots.exit_code == 0);
  CHECK(has(no_shots.out, "screenshots not taken (--no-screenshots)"));
  CHECK(has(file_text(only_site_page(skipped)), "screenshots were not taken (--no-screenshots)"));
  CHECK_FALSE(std::filesystem::exists(skipped / "screenshots"));
}

TEST_CASE("report of a 3 MB page: the page is written whole and bounded") {
  const fetched_runs runs;
  const auto report = runs.dir.path() / "big";
  const auto written = runs.report({"--out", report.string(), "--no-screenshots"});  // run 2
  REQUIRE_MESSAGE(written.exit_code == 0, written.err);
  const auto page = file_text(only_site_page(report));
  CHECK(page.ends_with("</html>\n"));
  CHECK(page.size() < 1024 * 1024);
  CHECK(has(page, "<mark>viagra</mark>"));
}

TEST_CASE("report --out: a folder that is not empty is refused unless --force") {
  const fetched_runs runs;
  const auto report = runs.dir.path() / "report";
  std::filesystem::create_directories(report / "sites");
  std::ofstream(report / "notes.txt") << "the analyst's own notes";
  std::ofstream(report / "sites" / "old.html") << "an older report's page";
  const auto refused = runs.report({"--out", report.string(), "--no-screenshots"});
  CHECK(refused.exit_code == 2);
  CHECK(has(refused.err, "--out " + report.string() + ": not empty; --force"));

  const auto forced = runs.report({"--out", report.string(), "--no-screenshots", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(std::filesystem::exists(report / "notes.txt"));
  CHECK_FALSE(std::filesystem::exists(report / "sites" / "old.html"));
  CHECK(std::filesystem::exists(report / "index.html"));
  // Nothing half-written is left behind under a temporary name.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(report))
    CHECK_FALSE(entry.path().string().ends_with(".partial"));
}

TEST_CASE("report: a pruned run, an unknown site and a bad verdict are refused") {
  const fetched_runs runs;
  const auto out = (runs.dir.path() / "report").string();
  const auto pruned = run_geocrawl({"prune", "--db", runs.database.path(), "--keep-last", "1"});
  REQUIRE_MESSAGE(pruned.exit_code == 0, pruned.err);
  const auto of_pruned = runs.report({"--run", "1", "--out", out, "--no-screenshots"});
  CHECK(of_pruned.exit_code == 1);
  CHECK(has(of_pruned.err, "run 1 was pruned on 20"));

  const auto unknown = runs.report({"--site", "http://127.0.0.1:9/nowhere", "--out", out});
  CHECK(unknown.exit_code == 1);
  CHECK(has(unknown.err, "127.0.0.1:9/nowhere"));

  const auto bad = runs.report({"--verdict", "sneaky", "--out", out});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "--verdict"));
  CHECK(has(bad.err, "cloaked"));  // the list of the verdicts there are
  CHECK_FALSE(std::filesystem::exists(out));

  const auto site =
      runs.report({"--site", runs.origin.url("/big"), "--out", out, "--no-screenshots"});
  CHECK(site.exit_code == 0);
  CHECK(has(site.out, "report: 1 sites of run 2"));
}

}  // namespace geocrawl::testing
