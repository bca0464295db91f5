#pragma once
// What the browser-wide DevTools events say about one rendered view's browser context while it
// renders: the windows its page opens (those over the cap are closed as they appear) and whether
// its renderer died, and of what. Pure: events in, the commands that answer them out, so the
// bounds are tested without a browser.
#include <string>
#include <vector>

#include "crawler/browser/devtools_client.hpp"
#include "crawler/view/render_errc.hpp"

namespace geocrawl {

struct context_watch {
  std::string context_id;
  // The view's page: the first page target of its fresh context (its creation event may come
  // before Target.createTarget's reply).
  std::string own_target;
  int max_targets = 0;  // windows the page may open besides its own
  int opened = 0;       // windows the page opened besides its own
  int closed = 0;       // of them, closed for being over max_targets
  bool crashed = false;
  std::string crash_status;  // Target.targetCrashed's termination status ("crashed", "oom")
};

// Updates the watch from one event of a connection with Target.setDiscoverTargets on; events of
// other contexts are ignored. Returns Target.closeTarget for a window over the cap.
std::vector<devtools_command> watch_event(context_watch& watch, const devtools_event& event);

// render_errc::memory for a renderer that died of V8's heap limit ("oom"), else crashed.
render_errc crash_code(const context_watch& watch) noexcept;

}  // namespace geocrawl
