// A render_driver (crawler/render/render_driver) on its own io_context thread, as a command runs
// one, with the test's allow-list and a resolver that knows no names: tests render loopback
// pages through it with a real Chromium and wait for each page, bounded. Asio stays in
// render_lab.cpp.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crawler/render/render_driver.hpp"

namespace geocrawl::testing {

// Debian's Chromium, which scripts/setup.sh installs; false (and a message) without it.
bool chromium_installed();
inline constexpr const char* debian_chromium = "/usr/bin/chromium";

// A browser as a vantage in Japan and one in the United States: one user agent, their own
// languages, locales and time zones.
render_emulation japanese_browser();
render_emulation american_browser();

// Settings for tests: Debian's Chromium, a short settle, a timeout a hostile page reaches fast.
render_driver_settings quick_render_settings();

// The browser's DevTools port, read from DevToolsActivePort in the profile its command line
// names: for a test that asks the browser itself what it holds. nullopt when it cannot be read.
std::optional<std::uint16_t> browser_devtools_port(pid_t browser);
// How many page targets the browser lists (GET /json/list: every context's), nullopt when it did
// not answer within a second.
std::optional<int> listed_pages(std::uint16_t devtools_port);

class render_lab {
 public:
  explicit render_lab(render_driver_settings settings = quick_render_settings(),
                      std::vector<std::string> allow = {"127.0.0.1/32"});
  // Stops the io_context and the driver.
  ~render_lab();
  render_lab(const render_lab&) = delete;
  render_lab& operator=(const render_lab&) = delete;

  // Renders on the io_context's thread and waits, at most the settings' timeout plus 15 s (the
  // browser's start and the relay's drain); a page whose error says "the test's wait ran out"
  // when it did not come back.
  rendered_page render(const std::string& url, const render_emulation& emulation,
                       std::optional<proxy_endpoint> proxy = std::nullopt);

  render_driver& driver();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl::testing
