#pragma once
// Screenshots of STORED bodies for the evidence report: what a page looked like when a vantage
// was served it, drawn by Debian's headless Chromium with no network at all and JavaScript off,
// PNG at a fixed width with a height cap. One browser process serves every screenshot; a crash
// costs that one screenshot and the next starts a new browser, a bounded number of times.
// Plain data in and out; Beast, Asio and the DevTools protocol stay in the .cpp files.
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/system/error_code.hpp>

namespace geocrawl {

struct screenshot_settings {
  std::string browser = "chromium";  // a path, or a name looked up in PATH
  int width = 1280;                  // CSS pixels at scale 1: the PNG's width
  int max_height = 4000;             // a longer page is cut here
  std::chrono::milliseconds page_time_limit{10000};
  std::chrono::milliseconds start_time_limit{15000};
  int max_restarts = 3;  // new browsers after crashes, beyond the first
};

struct screenshot_result {
  std::string png;                  // the PNG file's bytes; empty on failure
  boost::system::error_code error;  // browser_errc (crawler/browser/browser_error.hpp)
  std::string reason;               // what happened, for the report's note

  bool ok() const noexcept { return !error; }
};

class offline_screenshotter {
 public:
  // Starts nothing yet: the browser is launched by the first screenshot.
  explicit offline_screenshotter(screenshot_settings settings = {});
  // Stops the browser and removes its profile.
  ~offline_screenshotter();
  offline_screenshotter(const offline_screenshotter&) = delete;
  offline_screenshotter& operator=(const offline_screenshotter&) = delete;

  // A screenshot of a stored body, decoded by its Content-Type (and <meta>, BOM) as the
  // analysis decodes it. HTML is drawn as a page, other text as preformatted text; any other
  // type is unsupported_content. With no browser: browser_errc::unavailable, every time, and the
  // same reason (Chromium missing, or its restarts spent), so a report can say why once.
  screenshot_result screenshot(std::string_view body, std::string_view content_type);

  // The running browser's process id; nullopt before the first screenshot or after a crash.
  std::optional<pid_t> browser_pid() const noexcept;

 private:
  struct browser;
  // Launches Chromium and connects to it; the error when that fails or restarts are spent.
  std::optional<screenshot_result> start_browser();
  screenshot_result capture(browser& session, const std::string& html);

  screenshot_settings settings_;
  std::unique_ptr<browser> browser_;
  int launches_ = 0;
  std::optional<screenshot_result> unavailable_;  // set once no browser can be had
};

}  // namespace geocrawl
