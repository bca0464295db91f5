#pragma once
// [render]: how rendered vantages ([[vantage]] render = true) drive headless Chromium. How many
// views render at once is crawl.render_concurrency.
#include <chrono>
#include <string>

namespace geocrawl {

struct render_settings {
  // After the load event, how long the page's scripts run on (timers, fetch() after load)
  // before the DOM is read.
  std::chrono::milliseconds settle{1'000};
  // The whole rendered view, context made to context closed: a page that never settles, loops
  // or stalls its requests ends here with what was read.
  std::chrono::milliseconds timeout{20'000};
  std::string executable = "chromium";  // a path, or a name looked up in PATH
  // The JavaScript heap of a page's renderer (V8's --max-old-space-size): past it the renderer
  // dies, the view's error is render_memory and the browser goes on.
  int memory_mb = 512;
  // The memory the browser's processes hold together (resident anonymous and shared memory):
  // past it the largest renderer is killed, its view's error is render_memory and the browser
  // goes on. Bounds what V8's heap limit does not: typed arrays, canvases, images, the DOM.
  int browser_memory_mb = 2048;
  // Windows (tabs, popups) a page may ask for besides its own; past it the view records
  // render_targets (the popup blocker refuses those without a click; one that opens past it is
  // closed).
  int max_targets = 4;
  // Added to the browser's nice value (0-19; it and every process it forks): a page burning CPU
  // yields to geocrawl's network loop. 0 leaves the browser at geocrawl's own priority.
  int nice = 10;
};

}  // namespace geocrawl
