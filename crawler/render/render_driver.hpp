#pragma once
// Rendered views for one command: the URL a rendered vantage fetched, loaded again by headless
// Chromium through the same exit. Each view gets a loopback relay of its own on the command's
// io_context (so its log holds its page's requests and nothing of the browser's or of other
// views) and a fresh browser context in the one shared browser; at most `concurrency` views
// render at once, each slot a thread with its own DevTools connection, the others wait their
// turn. The browser is launched by the first view, at a lower CPU priority than geocrawl, and
// replaced when it dies: that view records render_crashed and the next one renders. Past its
// memory limit the largest renderer is killed (memory_guard): that view records render_memory.
//
// Concurrency rule: render() runs on the io_context's thread (the relay's rule); the DevTools
// work runs on the slots' threads, and the finished page comes back to the coroutine through
// its executor. Destroy the driver once no render() is under way (the io_context has stopped).
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/render/relay_limits.hpp"
#include "crawler/view/rendered_page.hpp"
#include "proxies/proxy_url.hpp"

namespace boost::asio {
class io_context;
}

namespace geocrawl {

struct render_driver_settings {
  std::string executable = "chromium";
  std::chrono::milliseconds settle{1'000};
  std::chrono::milliseconds timeout{20'000};  // one view, from the moment a slot takes it
  int memory_mb = 512;                        // a renderer's JavaScript heap
  int browser_memory_mb = 2048;               // the memory the browser.s processes hold
  int max_targets = 4;                        // windows a page may open besides its own
  int concurrency = 2;                        // views in the browser at once
  std::size_t max_dom_bytes = 5 * 1024 * 1024;
  relay_limits relay;
  // Added to the browser's nice value: a page burning CPU yields to the network loop.
  int niceness = 10;
};

class render_driver {
 public:
  // Starts the slots' threads; the browser waits for the first view. `environment` (the
  // resolver, the address policy, TLS) must outlive the driver.
  render_driver(boost::asio::io_context& io, const fetch_environment& environment,
                render_driver_settings settings);
  // Finishes the views the slots have begun (each within its timeout) and stops the browser.
  ~render_driver();
  render_driver(const render_driver&) = delete;
  render_driver& operator=(const render_driver&) = delete;

  // `url` as a browser with `emulation` sees it through `proxy` (the vantage's proxy with its
  // session user name, or none for a direct vantage). Never throws for the page's sake: what
  // went wrong is the page's `error`, and `requests` is the relay's log in either case.
  boost::asio::awaitable<rendered_page> render(std::string url, std::optional<proxy_endpoint> proxy,
                                               render_emulation emulation);

  // The browser's process id while one runs, and how many were launched: for the tests and
  // the CPU measurement.
  std::optional<pid_t> browser_pid() const;
  std::uint64_t browser_launches() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl
