#include "crawler/report/report_writer.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "parsers/charset/utf8.hpp"
#include "tests/support/hostile_report_site.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::size_t count(const std::string& text, std::string_view part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

// Every href the page has is one of the report's own files.
void check_links_stay_inside(const std::string& html) {
  for (auto at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1)) {
    auto target = html.substr(at + 6, html.find('"', at + 6) - at - 6);
    INFO(target);
    CHECK((target == "../index.html" || target.starts_with("sites/") ||
           target.starts_with("networks/") || target.starts_with("../sites/") ||
           target.starts_with("../networks/")));
    CHECK(target.find("..", 3) == std::string::npos);
  }
}

struct written_report {
  testing::temp_dir dir;
  std::string index;
  std::string page;
  std::string network;
};

}  // namespace

TEST_CASE("report writer: hostile views are escaped, bounded, and never linked") {
  written_report report;
  report_writer writer(report.dir.path(), {"7", "2026-12-07T01:00:00Z", ""},
                       {testing::hostile_network()});
  auto page = writer.add(testing::hostile_site());
  writer.finish();
  CHECK(page.parent_path() == "sites");
  report.index = read_file(report.dir.path() / "index.html");
  report.page = read_file(report.dir.path() / page);
  report.network = read_file(report.dir.path() / "networks" / "network-12.html");

  for (const auto* html : {&report.index, &report.page, &report.network}) {
    CHECK(decode_utf8(*html).replacements == 0);
    CHECK(html->find(testing::proxy_password) == std::string::npos);
    CHECK(html->find("javascript:alert(1)\"") == std::string::npos);
    CHECK(html->find("<img src=x") == std::string::npos);
    CHECK(html->find("Content-Security-Policy") != std::string::npos);
    check_links_stay_inside(*html);
  }
  // The index runs its own script only; the site and network pages none.
  CHECK(count(report.index, "<script") == 1);
  CHECK(count(report.page, "<script") == 0);
  CHECK(count(report.network, "<script") == 0);
  // The site names its network; the index lists it; the network page links the member the
  // report has and names the one it has not as text, with every identifier inert.
  CHECK(report.page.find("In <a href=\"../networks/network-12.html\">network 12</a>") !=
        std::string::npos);
  CHECK(report.index.find("<a href=\"networks/network-12.html\">network 12</a>") !=
        std::string::npos);
  CHECK(report.index.find("email <code>rx&quot;&#39;&gt;&lt;/a&gt;&lt;script&gt;") !=
        std::string::npos);
  CHECK(count(report.network, "<a href=\"../" + page.string() + "\">") == 3);
  CHECK(report.network.find("<code>https://sister.example/&quot;&gt;&lt;/a&gt;&lt;script&gt;") !=
        std::string::npos);
  CHECK(report.network.find("not in this report") != std::string::npos);
  CHECK(report.network.find("phone <code>+81&lt;/code&gt;&lt;/td&gt;&lt;script&gt;") !=
        std::string::npos);
  CHECK(report.network.find("&lt;b&gt;jp&lt;/b&gt;") != std::string::npos);
  CHECK(report.network.find("no view recorded") != std::string::npos);
  CHECK(report.network.find("2 sites in run 7, 1 of them in this report.") != std::string::npos);
  // Its registrar grouped with the abuse contact, for one complaint.
  CHECK(report.network.find("Registrar: Reg &lt;b&gt;&quot;Inc&quot;&lt;/b&gt; (IANA ID 1234)\n"
                            "Abuse contact: abuse@reg.example") != std::string::npos);
  CHECK(report.network.find("<li>example.co.jp (https://shop.example.co.jp/?q=&quot;&gt;") !=
        std::string::npos);
  CHECK(report.page.find("&lt;/title&gt;&lt;script&gt;") != std::string::npos);
  CHECK(report.page.find("&lt;/textarea&gt;") != std::string::npos);
  CHECK(report.page.find("<h1>example.co.jp</h1>") != std::string::npos);
  CHECK(report.page.find("<mark>viagra</mark>") != std::string::npos);
  CHECK(report.page.find("More matches are not shown.") != std::string::npos);
  CHECK(report.page.find("were not compared") != std::string::npos);
  CHECK(report.page.find("socks5h://proxy.example:1080") != std::string::npos);
  CHECK(report.page.find("no screenshot: Chromium not installed") != std::string::npos);
  CHECK(report.page.find("screenshot outside the report folder") != std::string::npos);
  CHECK(report.page.find("Reg &lt;b&gt;&quot;Inc&quot;&lt;/b&gt; (IANA ID 1234)") !=
        std::string::npos);
  // What jp's browser made of the page: every part the page wrote escaped like the rest.
  CHECK(report.page.find("<th scope=\"row\">rendered final URL</th>") != std::string::npos);
  CHECK(report.page.find("https://shop.example/&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") !=
        std::string::npos);
  CHECK(report.page.find("&lt;script&gt;alert(3)&lt;/script&gt;") != std::string::npos);
  CHECK(report.page.find("&lt;b&gt;127.0.0.2&lt;/b&gt;:443: blocked_address") != std::string::npos);
  CHECK(report.page.find("1 requests, 1 blocked") != std::string::npos);
  CHECK(report.page.find("&lt;i&gt;viagra&lt;/i&gt; → sildenafil") != std::string::npos);
  CHECK(report.page.find("render failed: ") != std::string::npos);
  CHECK(report.page.find("<span class=\"note\">not rendered</span>") != std::string::npos);
  CHECK(report.page.find(
            "<img class=\"screenshot\" src=\"../screenshots/rendered-jp.png\" "
            "alt=\"screenshot of the page as this vantage&#39;s browser rendered it\">") !=
        std::string::npos);
  // 10 MB of text shows as a page an analyst can open.
  CHECK(report.page.size() < (512u << 10));
  CHECK(report.index.find("Reg &lt;b&gt;&quot;Inc&quot;&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("report writer: a screenshot inside the folder is an image, the index lists every site") {
  testing::temp_dir dir;
  auto site = testing::hostile_site();
  site.screenshots[1].png = std::filesystem::path("screenshots") / "jp shot.png";
  site.registrar.reset();
  std::vector<report_site> sites{site, site};
  write_report(dir.path(), {"8", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z"},
               [&, next = std::size_t{0}]() mutable -> std::optional<report_site> {
                 if (next == sites.size()) return std::nullopt;
                 return sites[next++];
               });
  auto index = read_file(dir.path() / "index.html");
  CHECK(count(index, "<tr data-verdict=\"cloaked\" data-countries=\"JP US\">") == 2);
  CHECK(count(index, "registrar unknown") == 2);
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "sites")) {
    ++pages;
    auto html = read_file(entry.path());
    CHECK(html.find("<img class=\"screenshot\" src=\"../screenshots/jp%20shot.png\"") !=
          std::string::npos);
    CHECK(html.find("<p class=\"registrar\">Registrar: registrar unknown\n</p>") !=
          std::string::npos);
  }
  CHECK(pages == 2);
}

}  // namespace geocrawl
