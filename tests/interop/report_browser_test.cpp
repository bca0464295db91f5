// The report as an analyst's browser shows it: Debian's Chromium opens the pages written from a
// hostile site straight from file:// and prints the DOM after load. The test reads that DOM for
// the escaped strings, for the marker an injected script would have added, and Chromium's own
// log for any Content-Security-Policy refusal: the report's own script and image must load,
// and nothing else may. Chromium is kept off the network (an unusable proxy on 127.0.0.1, no
// name resolution) and every run is under a time limit.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "crawler/report/report_writer.hpp"
#include "tests/support/dom_dump.hpp"
#include "tests/support/hostile_report_site.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

namespace {

// A 1×1 PNG, for a screenshot that must load from the report's folder.
void write_tiny_png(const std::filesystem::path& file) {
  static constexpr unsigned char png[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
      0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
      0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99,
      0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(png), sizeof png);
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("report in Chromium: hostile pages show as text, no injected script runs") {
  if (!std::filesystem::exists(chromium)) {
    MESSAGE("skipped: /usr/bin/chromium is not installed (scripts/setup.sh installs it)");
    return;
  }
  temp_dir dir;
  auto report = dir.path() / "report";
  auto site = hostile_site();
  site.screenshots[0].png = std::filesystem::path("screenshots") / "default.png";
  write_tiny_png(report / "screenshots" / "default.png");
  report_writer writer(report, {"7", "2026-12-07T01:00:00Z", ""}, {hostile_network()});
  auto page = writer.add(site);
  writer.finish();

  // A filter named in the fragment hides the cloaked site's row.
  auto index = dump_dom(report / "index.html#verdict=consistent", dir.path() / "profile");
  REQUIRE_MESSAGE(index.exit_code == 0, index.err);
  CHECK_FALSE(has(index.out, injected_marker));
  CHECK_FALSE(has(index.err, "Content Security Policy"));
  // The report's own script ran: it showed the filters and made the headings buttons.
  CHECK(has(index.out, "<p id=\"filters\">"));
  CHECK(has(index.out, "<button type=\"button\">verdict</button>"));
  CHECK(has(index.out, "<tr data-verdict=\"cloaked\" data-countries=\"JP US\" hidden=\"\">"));
  CHECK(has(index.out, "shop.example.co.jp/?q=\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(has(index.out, "Reg &lt;b&gt;\"Inc\"&lt;/b&gt;"));

  auto site_page = dump_dom(report / page, dir.path() / "profile");
  REQUIRE_MESSAGE(site_page.exit_code == 0, site_page.err);
  CHECK_FALSE(has(site_page.out, injected_marker));
  CHECK_FALSE(has(site_page.err, "Content Security Policy"));
  CHECK_FALSE(has(site_page.out, proxy_password));
  CHECK(has(site_page.out, "&lt;/title&gt;&lt;script&gt;document.documentElement"));
  CHECK(has(site_page.out, "&lt;/textarea&gt;"));
  CHECK(has(site_page.out, "<mark>viagra</mark>"));
  CHECK(has(site_page.out, "\xEF\xBF\xBD title"));  // invalid UTF-8 shown as U+FFFD
  CHECK(has(site_page.out, "no screenshot") == false);
  CHECK(has(site_page.out, "src=\"../screenshots/default.png\""));
  // No link leads to the suspect site: the only one is the way back to the index.
  CHECK(has(site_page.out, "href=\"../index.html\""));
  CHECK_FALSE(has(site_page.out, "href=\"javascript"));
  CHECK_FALSE(has(site_page.out, "href=\"https://shop"));
  CHECK(has(site_page.out, "<a href=\"../networks/network-12.html\">network 12</a>"));

  // The network page: hostile identifiers and a hostile sister URL shown as text, nothing run.
  auto network_page = dump_dom(report / "networks" / "network-12.html", dir.path() / "profile");
  REQUIRE_MESSAGE(network_page.exit_code == 0, network_page.err);
  CHECK_FALSE(has(network_page.out, injected_marker));
  CHECK_FALSE(has(network_page.err, "Content Security Policy"));
  CHECK(has(network_page.out, "<code>rx\"'&gt;&lt;/a&gt;&lt;script&gt;document.documentElement"));
  CHECK(has(network_page.out, "<code>+81&lt;/code&gt;&lt;/td&gt;&lt;script&gt;"));
  CHECK(has(network_page.out, "https://sister.example/\"&gt;&lt;/a&gt;&lt;script&gt;"));
  CHECK(has(network_page.out, "href=\"../" + page.string() + "\""));
  CHECK_FALSE(has(network_page.out, "href=\"https://"));
  CHECK(has(index.out, "<a href=\"networks/network-12.html\">network 12</a>"));
}

}  // namespace geocrawl::testing
