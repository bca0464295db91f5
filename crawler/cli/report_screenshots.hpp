#pragma once
// The report's screenshots: each distinct stored body drawn once by the offline screenshotter
// (one browser for the whole report) and written as DIR/screenshots/<body SHA-256>.png, then
// reused by every view and site that was served the same bytes. Keeps a tally for the
// command's summary line.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crawler/browser/offline_screenshotter.hpp"
#include "crawler/report/report_site.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

enum class screenshot_mode { take, skip };

struct screenshot_tally {
  std::int64_t taken = 0;                      // distinct bodies drawn
  std::map<std::string, std::int64_t> failed;  // distinct bodies not drawn, by browser_errc code
  std::string unavailable_why;                 // set once no browser could be had
};

class report_screenshots {
 public:
  // With screenshot_mode::skip no browser is started and every view says screenshots were
  // not asked for.
  report_screenshots(std::filesystem::path report_dir, screenshot_mode mode,
                     screenshot_settings settings);
  ~report_screenshots();
  report_screenshots(const report_screenshots&) = delete;
  report_screenshots& operator=(const report_screenshots&) = delete;

  // One per view, in the views' order. Throws std::filesystem::filesystem_error when a PNG cannot
  // be written.
  std::vector<view_screenshot> of(const std::vector<view>& views);

  // One per view, in the views' order: the screenshot each rendered view's browser took, as
  // stored, written as DIR/screenshots/rendered-<PNG SHA-256>.png (no browser is started, also
  // with screenshot_mode::skip: it is evidence, not a drawing). Throws
  // std::filesystem::filesystem_error when a PNG cannot be written.
  std::vector<view_screenshot> rendered_of(const std::vector<view>& views);

  const screenshot_tally& tally() const noexcept { return tally_; }

 private:
  view_screenshot take(const view& seen);

  std::filesystem::path report_dir_;
  screenshot_mode mode_;
  std::unique_ptr<offline_screenshotter> shooter_;               // null with screenshot_mode::skip
  std::map<std::string, view_screenshot, std::less<>> by_body_;  // by SHA-256
  screenshot_tally tally_;
};

// The folder inside the report that holds the PNGs.
inline constexpr std::string_view screenshots_folder = "screenshots";

}  // namespace geocrawl
