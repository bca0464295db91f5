#pragma once
// The one Chromium process every rendered view of a command shares: launched when the first
// view needs it, and replaced when it died or a view left it in doubt. Each render slot keeps
// its own DevTools connection to it and asks here, before each view, whether that connection
// still belongs to the running browser. Thread-safe: slots call it from their own threads.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "crawler/browser/browser_process.hpp"
#include "crawler/view/view_error.hpp"

namespace geocrawl {

// Where a slot connects: the browser's DevTools endpoint, and which launch it belongs to.
struct browser_endpoint {
  unsigned short port = 0;
  std::string path;
  std::uint64_t generation = 0;  // 1 for the first launch, one more for each replacement
};

class render_browser {
 public:
  explicit render_browser(browser_launch_options options);
  ~render_browser();  // stops the browser and its process group
  render_browser(const render_browser&) = delete;
  render_browser& operator=(const render_browser&) = delete;

  // The running browser's endpoint, launching one when there is none or it has died; a
  // render_errc::unavailable error when Chromium cannot be started.
  struct endpoint_result {
    std::optional<browser_endpoint> endpoint;
    view_error error;  // when there is no endpoint
  };
  endpoint_result endpoint();

  // Whether the browser of `generation` is still the one running.
  bool running(std::uint64_t generation);

  // The browser of `generation` is not to be trusted (it died, a connection to it broke, a
  // context could not be disposed of): it is stopped, and the next endpoint() launches anew.
  // A later generation is left alone: another slot replaced it already.
  void replace(std::uint64_t generation);

  // The last `lines` lines the browser of `generation` wrote to stderr; "" once it was
  // replaced.
  std::string log_tail(std::uint64_t generation, std::size_t lines);

  // The running browser's process id (its process group's), for measurements and tests.
  std::optional<pid_t> pid();
  // Launches so far: 1 + the replacements.
  std::uint64_t launches();

 private:
  browser_launch_options options_;
  std::mutex mutex_;
  std::unique_ptr<browser_process> process_;
  std::uint64_t generation_ = 0;
};

}  // namespace geocrawl
