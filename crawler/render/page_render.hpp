#pragma once
// One rendered view on a DevTools connection: a fresh browser context whose every connection
// goes to the view's loopback relay, the vantage's browser emulated in it (user agent,
// Accept-Language, locale, time zone), the page loaded (bounded), its scripts given the settle
// time, then its DOM, final URL, title and a screenshot read, and the context disposed of, so
// no cookie, storage or cache reaches the next view. Synchronous, on the caller's thread, like
// devtools_client; plain data in and out.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "crawler/view/rendered_page.hpp"

namespace geocrawl {

class devtools_client;

struct page_render_request {
  std::string url;
  std::uint16_t relay_port = 0;  // the view's relay on 127.0.0.1
  render_emulation emulation;    // empty locale or time_zone: not overridden
  std::chrono::milliseconds settle{1'000};
  std::chrono::milliseconds timeout{20'000};  // the whole view, context made to context closed
  std::size_t max_dom_bytes = 5 * 1024 * 1024;
  int max_targets = 4;  // windows the page may open besides its own
};

struct page_render_outcome {
  // Everything but `requests` (the relay's) and `analysis` (the caller's).
  rendered_page page;
  // The context could not be disposed of (or a page of it still runs): the browser should be
  // replaced before another view trusts it to be clean.
  bool browser_suspect = false;
  // How the page's renderer ended when it died (Target.targetCrashed's status: "killed",
  // "oom", "crashed"); empty while it lived.
  std::string renderer_exit;
};

// The client must be connected to the browser target, with Target.setDiscoverTargets on (it is
// what reports the page's popups and a crashed renderer); its event handler is the view's for
// the call's duration.
page_render_outcome render_page(devtools_client& browser, const page_render_request& request);

// The navigator.platform a user agent implies ("Win32", "MacIntel", "iPhone", "Linux armv81",
// "Linux x86_64"), so a script comparing the two sees one browser.
std::string navigator_platform(std::string_view user_agent);

}  // namespace geocrawl
