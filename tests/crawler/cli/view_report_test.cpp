#include "crawler/cli/view_report.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include <boost/json/parse.hpp>

#include "crawler/cli/json_output.hpp"
#include "crawler/cli/view_json.hpp"
#include "crawler/view/view_errc.hpp"

namespace geocrawl {

namespace {

view titled(std::string vantage, std::string title) {
  view record;
  record.vantage = std::move(vantage);
  record.final_url = "http://site.example/";
  record.status = 200;
  record.analysis = page_analysis{};
  record.analysis->page.title = std::move(title);
  return record;
}

std::string line_starting(const std::string& report, std::string_view start) {
  std::istringstream lines(report);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(start)) return line;
  }
  return "";
}

}  // namespace

TEST_CASE(
    "the report puts the verdict and reasons first and keeps the side-by-side columns aligned in "
    "CJK") {
  const std::vector<view> views = {titled("default", "工事中"), titled("jp", "バイアグラ通販")};
  site_comparison verdict{cloaking_verdict::cloaked,
                          {{"jp",
                            "default",
                            cloaking_verdict::cloaked,
                            0.95,
                            {"jp sees sildenafil; default sees an under-construction page"}}}};
  std::ostringstream out;
  print_fetch_report(out, "http://site.example/", views, verdict);
  const auto report = out.str();
  CHECK(report.find(
            "verdict: cloaked\n  jp vs default: cloaked (score 0.95)\n    - jp sees sildenafil") !=
        std::string::npos);
  CHECK(report.find("verdict:") < report.find("[default]"));
  // Each of the 10 CJK characters takes 3 bytes and 2 columns: one byte more per character
  // than its width, so an aligned title row is 10 bytes longer than the status row.
  const auto status = line_starting(report, "  status ");
  const auto title = line_starting(report, "  title ");
  REQUIRE_FALSE(status.empty());
  CHECK(title.size() == status.size() + 10);

  std::ostringstream long_out;
  print_fetch_report(long_out, "u", {titled("a", std::string(100, 'a')), titled("b", "b")},
                     verdict);
  const auto long_title = line_starting(long_out.str(), "  title ");
  CHECK(long_title.find(std::string(29, 'a') + "~| b") != std::string::npos);
}

namespace {

// A rendered view whose page wrote hostile text everywhere a script can: a title that closes the
// line and drives the terminal, a URL with quotes, a request target with a newline.
view hostile_rendered() {
  auto record = titled("jp", "served title");
  auto& page = record.rendered.emplace();
  page.emulation = {"Mozilla/5.0", "ja-JP,ja", "ja-JP", "Asia/Tokyo"};
  page.final_url = "https://shop.example/?q=\"quoted\"&x=\x1b[2J";
  page.title = "<script>alert(1)</script>\nverdict: consistent";
  page.dom = "<html><title>x</title></html>";
  page.dom_sha256 = std::string(64, 'a');
  page.requests.requests = {
      {relay_method::forward, "GET", "http://shop.example/a.js", 200, 10, 20,
       relay_outcome::relayed},
      {relay_method::connect, "CONNECT", "127.0.0.2:443\n  requests:    0, 0 blocked", std::nullopt,
       0, 0, relay_outcome::blocked_address, "127.0.0.2 is loopback"}};
  page.error = view_error{make_error_code(view_errc::internal), "the renderer crashed"};
  auto& analysis = page.analysis.emplace();
  analysis.page.title = page.title;
  analysis.found.drugs = {{"viagra", "sildenafil", "erectile_dysfunction", 2}};
  analysis.found.no_rx = true;
  return record;
}

}  // namespace

TEST_CASE("the report shows the rendered part, every page-written line escaped for the terminal") {
  std::ostringstream out;
  print_fetch_report(out, "http://site.example/", {titled("default", "x"), hostile_rendered()},
                     {cloaking_verdict::cloaked,
                      {{"jp", "default", cloaking_verdict::cloaked, 0.9, {"a reason"}}}});
  const auto report = out.str();
  CHECK(report.find("  rendered:    in a browser as ja-JP, Asia/Tokyo") != std::string::npos);
  CHECK(report.find("    final url:   https://shop.example/?q=\"quoted\"&x=\\x1b[2J\n") !=
        std::string::npos);
  CHECK(report.find("    render error: internal: the renderer crashed\n") != std::string::npos);
  CHECK(report.find("    requests:    2, 1 blocked\n") != std::string::npos);
  // The target's newline is an escape, not a forged line of the report.
  CHECK(report.find("      blocked:   CONNECT 127.0.0.2:443\\n  requests:    0, 0 blocked: "
                    "blocked_address (127.0.0.2 is loopback)\n") != std::string::npos);
  CHECK(report.find("    title:       <script>alert(1)</script>\\nverdict: consistent\n") !=
        std::string::npos);
  CHECK(report.find("\nverdict: consistent") == std::string::npos);
  CHECK(report.find('\x1b') == std::string::npos);
  CHECK(report.find("    drugs:       sildenafil (viagra x2)") != std::string::npos);
  // The side-by-side rows: "-" for the vantage that was not rendered.
  CHECK(line_starting(report, "  js drugs").find("| -") != std::string::npos);
  CHECK(line_starting(report, "  js drugs").find("| render internal") != std::string::npos);
}

TEST_CASE("a browser emulating no place is said to use the machine's locale and time zone") {
  auto record = hostile_rendered();
  record.rendered->emulation = {"Mozilla/5.0", "en-US,en", "", ""};
  std::ostringstream out;
  print_fetch_report(out, "http://site.example/", {record}, {});
  CHECK(out.str().find("  rendered:    in a browser as the machine's locale, the machine's time "
                       "zone (Accept-Language en-US,en)") != std::string::npos);
  record.rendered->emulation.time_zone = "Asia/Tokyo";
  CHECK(record.rendered->emulation.locale_and_zone() == "the machine's locale, Asia/Tokyo");
}

TEST_CASE("the JSON carries the rendered part, null for a view that was not rendered") {
  const auto hostile = hostile_rendered();
  const auto text =
      json_output(fetch_report_json("http://site.example/", {titled("default", "x"), hostile}, {}));
  const auto parsed = boost::json::parse(text).as_object();
  const auto& views = parsed.at("views").as_array();
  CHECK(views.at(0).as_object().at("rendered").is_null());
  const auto& rendered = views.at(1).as_object().at("rendered").as_object();
  CHECK(rendered.at("final_url").as_string() == hostile.rendered->final_url);
  CHECK(rendered.at("title").as_string() == hostile.rendered->title);
  CHECK(rendered.at("emulation").as_object().at("time_zone").as_string() == "Asia/Tokyo");
  CHECK(rendered.at("requests").as_array().size() == 2);
  CHECK(rendered.at("requests_blocked").as_int64() == 1);
  const auto& blocked = rendered.at("requests").as_array().at(1).as_object();
  CHECK(blocked.at("outcome").as_string() == "blocked_address");
  CHECK(blocked.at("blocked").as_bool());
  CHECK(blocked.at("status").is_null());
  CHECK(rendered.at("error").as_object().at("code").as_string() == "internal");
  CHECK(rendered.at("analysis").as_object().at("no_rx").as_bool());
  // Quotes and the escape byte are JSON escapes, not raw.
  CHECK(text.find("\\\"quoted\\\"") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

}  // namespace geocrawl
