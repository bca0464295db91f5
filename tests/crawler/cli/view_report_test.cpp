#include "crawler/cli/view_report.hpp"

#include <doctest/doctest.h>

#include <sstream>

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

}  // namespace geocrawl
