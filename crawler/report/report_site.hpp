#pragma once
// What a report is written from: plain data, one site at a time. The store reader rebuilds
// views and comparisons from SQLite, RDAP fills the registrar, the screenshotter the images;
// the report only renders them, so it needs none of them to be tested.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// Who sold the domain and where to complain, as RDAP answered.
struct registrar_info {
  std::string name;
  std::string iana_id;  // "IANA Registrar ID", a number as text
  std::string abuse_email;
  std::string abuse_phone;
};

// A view's screenshot, or why there is none ("Chromium not installed").
struct view_screenshot {
  // Relative to the report folder ("screenshots/3-jp.png"). A path that is absolute or leaves
  // the folder is not shown: the report must open wherever the folder is copied.
  std::optional<std::filesystem::path> png;
  std::string why_none;
};

struct report_site {
  std::string url;
  site_comparison comparison;   // the site's verdict and each vantage against the baseline
  std::optional<double> score;  // the highest of its comparisons'; none without one
  std::vector<view> views;      // one per vantage
  std::vector<view_screenshot> screenshots;  // parallel to views; missing ones say "not taken"
  // Parallel to views: what each rendered view's browser drew, as it was stored with the view
  // (none for a view that was not rendered, or whose render drew nothing).
  std::vector<view_screenshot> rendered_screenshots;
  std::optional<registrar_info> registrar;  // none until RDAP has answered
  std::string registrar_unknown_why;        // without a registrar: why the last lookup failed
  std::optional<std::int64_t> network_id;   // the network it is in (report_network.hpp)
};

// The run the report shows.
struct report_run {
  std::string id;           // as the store numbers runs
  std::string started_at;   // UTC, ISO 8601
  std::string finished_at;  // UTC, ISO 8601; "" for a run still going
};

}  // namespace geocrawl
