#pragma once
// The browser's memory limit ([render] browser_memory_mb). V8's heap limit ([render] memory_mb)
// stops a page's JavaScript objects, not what lies outside that heap: typed arrays, canvases,
// images and the DOM itself, with which a page grew a renderer by gigabytes in seconds
// (measured with Chromium 156: 11 GB in 20 s of Uint8Arrays under a 128 MB heap limit). While
// views render, the guard measures the browser's processes (their own memory, process_memory) every
// `poll_every`; past the limit it kills the largest renderer, the page that grew, which ends
// that view (render_memory) and frees what it held while the other views render on.
// Thread-safe: the slots tell it when views start and end, from their threads.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "crawler/browser/process_memory.hpp"

namespace geocrawl {

class render_browser;

struct renderer_kill {
  pid_t pid = 0;
  std::uint64_t renderer_kib = 0;  // the renderer's own memory when it was killed
  std::uint64_t browser_kib = 0;   // every process of the browser together
};

// The renderer to kill when `processes` together hold more than `limit_kib`: the largest;
// nullopt within the limit, when no renderer is among them, or while `dying` (the renderer
// killed last) is still among them: what it held is on its way out, and killing another page
// for it would fail a view that did nothing.
std::optional<renderer_kill> renderer_over_limit(const std::vector<process_memory>& processes,
                                                 std::uint64_t limit_kib, pid_t dying = 0);

// What a view whose renderer the guard killed records: the limit, what the browser held and
// what its renderer held.
std::string memory_kill_message(const renderer_kill& kill, std::uint64_t limit_kib);

class memory_guard {
 public:
  memory_guard(render_browser& browser, std::uint64_t limit_kib,
               std::chrono::milliseconds poll_every);
  ~memory_guard();  // stops the measuring thread
  memory_guard(const memory_guard&) = delete;
  memory_guard& operator=(const memory_guard&) = delete;

  // The browser is measured only while a view renders.
  void view_started();
  void view_finished();

  // Renderers killed so far, and the last one: a view whose renderer died "killed" while the
  // count went up is the one the guard killed (views never share a renderer: each has its own
  // browser context).
  std::uint64_t kills();
  std::optional<renderer_kill> last_kill();

  std::uint64_t limit_kib() const noexcept { return limit_kib_; }

 private:
  void watch();

  render_browser& browser_;
  const std::uint64_t limit_kib_;
  const std::chrono::milliseconds poll_every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  int rendering_ = 0;
  bool stopping_ = false;
  std::uint64_t kills_ = 0;
  std::optional<renderer_kill> last_kill_;
  std::thread thread_;  // last: it uses everything above
};

}  // namespace geocrawl
