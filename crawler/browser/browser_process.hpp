#pragma once
// One headless Chromium process with a fresh, private profile and its DevTools port, and
// nothing else: no network (see the flags in browser_process.cpp), no first-run, no updates,
// no sync. Stopping it (the destructor) kills the process group and removes the profile.
// Plain POSIX: no Asio, no Beast; the DevTools connection is devtools_client's.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/system/error_code.hpp>

namespace geocrawl {

struct browser_launch_options {
  // A path, or a name looked up in PATH. Debian's /usr/bin/chromium is a shell wrapper that
  // execs the browser, so the process id stays the browser's.
  std::string executable = "chromium";
  // How long Chromium has to open its DevTools port.
  std::chrono::milliseconds start_limit{15000};
  // The port of the loopback relay every connection of the browser goes through (a rendered
  // view's; crawler/render/loopback_relay). Without one, every connection goes to loopback's
  // discard port and fails: the offline screenshots' browser has no network at all.
  std::optional<std::uint16_t> relay_port;
  // Rendered views: each browser context names its own relay when it is created
  // (Target.createBrowserContext proxyServer), so a view's log holds its page's requests only.
  // The browser's own connections (updates, safe browsing, time queries: whatever the flags
  // below miss) go to loopback's discard port and fail, and are in no view's log.
  // Ignored when relay_port is set.
  bool context_relays = false;
  // Added to the nice value of the browser and everything it forks (renderers, GPU), so a page
  // burning CPU yields to geocrawl's network loop; 0 leaves it as geocrawl's.
  int niceness = 0;
  // Further command-line flags, before the start page (the caller says why each is there).
  std::vector<std::string> extra_flags;
};

// The executable a name means: itself when it has a '/', else the first match in the
// colon-separated `search_path` (PATH's value). nullopt when there is none that may be run.
std::optional<std::filesystem::path> find_executable(const std::string& name,
                                                     std::string_view search_path);

class browser_process;

struct browser_launch_result {
  std::unique_ptr<browser_process> process;  // null on failure
  boost::system::error_code error;           // browser_errc::unavailable or launch_failed
  std::string reason;                        // names the path and what went wrong
};

// Starts Chromium and waits (bounded by start_limit) for its DevToolsActivePort file. First
// removes the profiles of geocrawl processes that died without stopping their browser.
browser_launch_result launch_browser(const browser_launch_options& options);

class browser_process {
 public:
  // Kills the process group and removes the profile directory; see stop().
  ~browser_process();
  browser_process(const browser_process&) = delete;
  browser_process& operator=(const browser_process&) = delete;

  pid_t pid() const noexcept { return pid_; }
  // The loopback port and WebSocket path ("/devtools/browser/<id>") of the browser target.
  unsigned short devtools_port() const noexcept { return devtools_port_; }
  const std::string& devtools_path() const noexcept { return devtools_path_; }

  // Whether the process still runs (reaps it when it has exited).
  bool running();
  // The last `lines` lines Chromium wrote to stderr, for an error's reason, without its
  // complaints of a missing D-Bus session.
  std::string log_tail(std::size_t lines = 3) const;

  // SIGTERM, up to a second for Chromium to exit, then SIGKILL to its whole process group (the
  // renderers and the GPU process it forked); reaps it and removes the profile. Idempotent.
  void stop() noexcept;

 private:
  friend browser_launch_result launch_browser(const browser_launch_options&);
  browser_process(pid_t pid, std::filesystem::path profile);

  pid_t pid_;
  bool reaped_ = false;
  std::filesystem::path profile_;
  unsigned short devtools_port_ = 0;
  std::string devtools_path_;
};

}  // namespace geocrawl
