#include "crawler/cli/report_screenshots.hpp"

#include <algorithm>

#include "crawler/browser/browser_error.hpp"
#include "crawler/report/whole_file.hpp"
#include "crawler/view/sha256.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

namespace {

// The SHA-256 names the file, so it must be one: 64 lower-case hex digits and nothing that
// could climb out of the folder.
bool is_sha256_hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

view_screenshot none(std::string why) { return {std::nullopt, std::move(why)}; }

}  // namespace

report_screenshots::report_screenshots(std::filesystem::path report_dir, screenshot_mode mode,
                                       screenshot_settings settings)
    : report_dir_(std::move(report_dir)), mode_(mode) {
  if (mode_ == screenshot_mode::take) {
    shooter_ = std::make_unique<offline_screenshotter>(std::move(settings));
  }
}

report_screenshots::~report_screenshots() = default;

std::vector<view_screenshot> report_screenshots::of(const std::vector<view>& views) {
  std::vector<view_screenshot> shots;
  shots.reserve(views.size());
  for (const auto& seen : views) shots.push_back(take(seen));
  return shots;
}

std::vector<view_screenshot> report_screenshots::rendered_of(const std::vector<view>& views) {
  std::vector<view_screenshot> shots;
  shots.reserve(views.size());
  for (const auto& seen : views) {
    if (!seen.rendered) {
      shots.push_back(none("not rendered"));
      continue;
    }
    const auto& png = seen.rendered->screenshot_png;
    if (png.empty()) {
      shots.push_back(none("the browser drew nothing before the render stopped"));
      continue;
    }
    // Named by the PNG's own hash: the same drawing (a placeholder page) is written once.
    const auto relative =
        std::filesystem::path(screenshots_folder) / ("rendered-" + sha256_hex(png) + ".png");
    if (!std::filesystem::exists(report_dir_ / relative)) {
      std::filesystem::create_directories(report_dir_ / screenshots_folder);
      write_whole_file(report_dir_ / relative, png);
    }
    shots.push_back({relative, ""});
  }
  return shots;
}

view_screenshot report_screenshots::take(const view& seen) {
  if (mode_ == screenshot_mode::skip) return none("screenshots were not taken (--no-screenshots)");
  if (seen.status == 0 || !is_sha256_hex(seen.sha256)) return none("no body was received");
  if (const auto drawn = by_body_.find(seen.sha256); drawn != by_body_.end()) return drawn->second;

  auto result = shooter_->screenshot(seen.body, seen.content_type);
  view_screenshot shot;
  if (result.ok()) {
    const auto relative = std::filesystem::path(screenshots_folder) / (seen.sha256 + ".png");
    std::filesystem::create_directories(report_dir_ / screenshots_folder);
    write_whole_file(report_dir_ / relative, result.png);
    shot.png = relative;
    ++tally_.taken;
  } else {
    const auto code = std::string(short_code(result.error));
    ++tally_.failed[code];
    if (result.error == browser_errc::unavailable) tally_.unavailable_why = result.reason;
    shot = none(code + ": " + result.reason);
  }
  by_body_.emplace(seen.sha256, shot);
  return shot;
}

}  // namespace geocrawl
