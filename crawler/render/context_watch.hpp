#pragma once
// What the browser-wide DevTools events say about one rendered view's browser context while it
// renders: the windows its page asks for (Page.windowOpen, refused by the popup blocker or not),
// those that open (over the cap they are closed as they appear) and whether its renderer died,
// and of what. Pure: events in, the commands that answer them out, so the bounds are tested
// without a browser.
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
  std::string own_session;  // the page's flat session, whose Page events are the page's own
  int max_targets = 0;      // windows the page may ask for besides its own
  int requested = 0;        // windows the page asked for (window.open, a target=_blank link)
  int opened = 0;           // windows the page opened besides its own
  int closed = 0;           // of them, closed for being over max_targets
  bool crashed = false;
  std::string crash_status;  // Target.targetCrashed's termination status ("crashed", "oom")
};

// Updates the watch from one event of a connection with Target.setDiscoverTargets on and the
// Page domain enabled on the page's session; events of other contexts and sessions are ignored.
// Returns Target.closeTarget for a window over the cap.
std::vector<devtools_command> watch_event(context_watch& watch, const devtools_event& event);

// render_errc::memory for a renderer that died of V8's heap limit ("oom"), else crashed.
render_errc crash_code(const context_watch& watch) noexcept;

// Whether the page went past render.max_targets: it asked for more windows than that (the popup
// blocker refuses a window.open without a click, so most never open) or one over it was closed.
bool over_window_limit(const context_watch& watch) noexcept;

// What the view's render_targets error says: how many windows were asked for, opened and closed.
std::string window_limit_message(const context_watch& watch);

}  // namespace geocrawl
