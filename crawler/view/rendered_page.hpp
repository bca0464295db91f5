#pragma once
// What a rendered vantage's browser made of a view: the page after its scripts ran, where they
// navigated, every request the page made through the loopback relay, and a screenshot. Plain
// data beside the served view it belongs to (view::rendered), so the comparison, the store and
// the outputs read it without a browser.
#include <chrono>
#include <optional>
#include <string>

#include "crawler/view/relay_request_log.hpp"
#include "crawler/view/view_error.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

// The browser settings the page was rendered with, as applied: what a script in the page could
// read back through navigator and Intl.
struct render_emulation {
  std::string user_agent;
  std::string accept_language;  // also navigator.languages, in this order
  std::string locale;           // BCP 47, e.g. "ja-JP"
  std::string time_zone;        // IANA, e.g. "Asia/Tokyo"

  // "ja-JP, Asia/Tokyo" as a reader is told them; the machine's own for what was not emulated
  // (a vantage with neither a country nor its own locale or time_zone). Unescaped.
  std::string locale_and_zone() const {
    return (locale.empty() ? std::string("the machine's locale") : locale) + ", " +
           (time_zone.empty() ? std::string("the machine's time zone") : time_zone);
  }
};

struct rendered_page {
  render_emulation emulation;
  std::string final_url;  // document.location after load and the settle time: script navigations
  std::string title;
  // document.documentElement.outerHTML after the settle time, at most limits.max_body_bytes.
  std::string dom;
  bool dom_truncated = false;
  std::string dom_sha256;      // of dom, hex
  std::string screenshot_png;  // the viewport as rendered; empty when the render failed first
  relay_request_log requests;  // every request the page made, allowed or blocked
  std::chrono::milliseconds load_time{0};  // navigation start to the load event (or the limit)
  std::chrono::milliseconds total{0};      // the whole render: context made to context closed
  std::string rendered_at;                 // UTC, ISO 8601
  // Why the render did not finish (the browser died, the view's time limit, the memory limit,
  // the page could not be loaded); the fields above hold what was read before it stopped.
  std::optional<view_error> error;
  std::optional<page_analysis> analysis;  // of dom, as a served body is analysed
};

}  // namespace geocrawl
