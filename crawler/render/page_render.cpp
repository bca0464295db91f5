#include "crawler/render/page_render.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "crawler/browser/browser_error.hpp"
#include "crawler/browser/devtools_client.hpp"
#include "crawler/browser/devtools_values.hpp"
#include "crawler/render/context_watch.hpp"
#include "crawler/view/render_errc.hpp"
#include "crawler/view/sha256.hpp"
#include "crawler/view/timestamp.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

namespace json = boost::json;
using clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

// Disposing of the view's context after it succeeded, failed or ran out of time.
constexpr auto cleanup_limit = std::chrono::seconds(2);
// How often the page's state is asked while it loads and settles; each question also lets
// DevTools deliver the events that close popups and report a crash.
constexpr auto poll_every = milliseconds(100);
// The screenshot is the viewport: a page cannot make it larger.
constexpr int viewport_width = 1280;
constexpr int viewport_height = 800;
// The name of geocrawl's isolated world: the page's scripts share the DOM with it but not their
// JavaScript, so a page that redefines outerHTML, location or title cannot lie to the reads.
constexpr std::string_view world_name = "geocrawl";

// The first error is the one the view keeps, except that a crash explains a later one better.
void record_error(rendered_page& page, render_errc code, std::string message) {
  if (page.error && code != render_errc::crashed && code != render_errc::memory) return;
  page.error = view_error{make_error_code(code), std::move(message), false};
}

render_errc render_code(const boost::system::error_code& browser_error,
                        const context_watch& watch) {
  if (watch.crashed) return crash_code(watch);
  if (browser_error == browser_errc::timeout) return render_errc::timeout;
  if (browser_error == browser_errc::crashed) return render_errc::crashed;
  return render_errc::protocol;
}

// The longest prefix of `text` of at most `max` bytes that ends on a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// The page's state as the isolated world reads it: the DOM cut to `max_chars` UTF-16 units
// (a trailing half of a surrogate pair dropped, so the reply is valid UTF-8), its full length,
// the location and the title.
std::string read_expression(std::size_t max_chars) {
  return "(() => { const root = document.documentElement;"
         " const html = root ? root.outerHTML : '';"
         " let cut = html.slice(0, " +
         std::to_string(max_chars) +
         ");"
         " if (/[\\ud800-\\udbff]$/.test(cut)) cut = cut.slice(0, -1);"
         " return {html: cut, length: html.length, href: location.href,"
         " title: document.title}; })()";
}

// Accept-Language as DevTools takes it: the languages alone ("ja-JP,ja"), from which Chromium
// writes the header with its own weights ("ja-JP,ja;q=0.9") and fills navigator.languages.
// Given the weights too, it would weigh them again ("ja;q=0.9;q=0.9").
std::string language_list(std::string_view accept_language) {
  std::string languages;
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    auto item = accept_language.substr(0, comma);
    item = trim_ascii_whitespace(item.substr(0, item.find(';')));
    if (!item.empty()) languages += (languages.empty() ? "" : ",") + std::string(item);
    accept_language = comma == std::string_view::npos ? "" : accept_language.substr(comma + 1);
  }
  return languages;
}

// One view's DevTools steps, each under the view's deadline.
class view_steps {
 public:
  view_steps(devtools_client& browser, const page_render_request& request, context_watch& watch,
             rendered_page& page)
      : browser_(browser), request_(request), watch_(watch), page_(page) {}

  // Sends the command; on failure records why (naming the step) and returns nullopt.
  std::optional<json::object> call(std::string_view method, json::object params,
                                   clock::time_point deadline) {
    auto reply = browser_.call(method, std::move(params), session_, deadline);
    if (reply.error) {
      record_error(page_, render_code(reply.error, watch_),
                   std::string(method) + ": " + reply.reason);
      return std::nullopt;
    }
    return std::move(reply.result);
  }

  // A page target in the context, attached with a flat session, emulating the vantage's
  // browser before anything is loaded into it.
  bool open_page(clock::time_point deadline) {
    const auto target =
        call("Target.createTarget",
             {{"url", "about:blank"}, {"browserContextId", watch_.context_id}}, deadline);
    if (!target) return false;
    target_ = string_field(*target, "targetId");
    watch_.own_target = target_;
    const auto attached =
        call("Target.attachToTarget", {{"targetId", target_}, {"flatten", true}}, deadline);
    if (!attached) return false;
    session_ = string_field(*attached, "sessionId");
    if (target_.empty() || session_.empty()) {
      record_error(page_, render_errc::protocol, "Target.attachToTarget gave no session");
      return false;
    }
    watch_.own_session = session_;
    const auto& emulation = request_.emulation;
    std::vector<std::pair<std::string_view, json::object>> setup = {
        // For Page.windowOpen: the windows the page asks for, the blocked ones too.
        {"Page.enable", {}},
        {"Emulation.setDeviceMetricsOverride",
         {{"width", viewport_width},
          {"height", viewport_height},
          {"deviceScaleFactor", 1},
          {"mobile", false}}},
        {"Network.setUserAgentOverride",
         {{"userAgent", emulation.user_agent},
          {"acceptLanguage", language_list(emulation.accept_language)},
          {"platform", navigator_platform(emulation.user_agent)}}},
    };
    if (!emulation.time_zone.empty())
      setup.push_back({"Emulation.setTimezoneOverride", {{"timezoneId", emulation.time_zone}}});
    if (!emulation.locale.empty())
      setup.push_back({"Emulation.setLocaleOverride", {{"locale", emulation.locale}}});
    for (auto& [method, params] : setup) {
      if (!call(method, std::move(params), deadline)) return false;
    }
    return true;
  }

  bool navigate(clock::time_point deadline) {
    const auto navigated = call("Page.navigate", {{"url", request_.url}}, deadline);
    if (!navigated) return false;
    frame_ = string_field(*navigated, "frameId");
    if (const auto failed = string_field(*navigated, "errorText"); !failed.empty()) {
      record_error(page_, render_errc::load_failed, request_.url + ": " + failed);
      return false;
    }
    return true;
  }

  // Evaluates `expression` in geocrawl's isolated world of the current document, making the
  // world again when a navigation replaced the document it was made in.
  std::optional<json::value> evaluate(const std::string& expression, clock::time_point deadline) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!world_) {
        auto made =
            browser_.call("Page.createIsolatedWorld",
                          {{"frameId", frame_}, {"worldName", world_name}}, session_, deadline);
        if (made.error) return failed_read("Page.createIsolatedWorld", made);
        const auto* id = made.result.if_contains("executionContextId");
        if (id == nullptr || !id->is_int64()) {
          record_error(page_, render_errc::protocol, "Page.createIsolatedWorld gave no context");
          return std::nullopt;
        }
        world_ = id->as_int64();
      }
      auto reply = browser_.call(
          "Runtime.evaluate",
          {{"expression", expression}, {"contextId", *world_}, {"returnByValue", true}}, session_,
          deadline);
      // A protocol error is the world gone with its document: make it again, once.
      if (reply.error == browser_errc::protocol && !watch_.crashed) {
        world_.reset();
        continue;
      }
      if (reply.error) return failed_read("Runtime.evaluate", reply);
      const auto* result = reply.result.if_contains("result");
      const auto* value =
          result && result->is_object() ? result->get_object().if_contains("value") : nullptr;
      if (value == nullptr) return json::value();
      return *value;
    }
    world_.reset();
    return std::nullopt;
  }

  // Asks the document's readyState until it is "complete" (true) or `until` (false), letting
  // the context's events in between. A crash or a dead connection ends it early (false).
  bool wait_complete(clock::time_point until) {
    while (clock::now() < until && !watch_.crashed && browser_.connected()) {
      const auto state = evaluate("document.readyState", until);
      if (state && state->is_string() && state->get_string() == "complete") return true;
      if (page_.error) return false;
      std::this_thread::sleep_for(std::min<clock::duration>(poll_every, until - clock::now()));
    }
    return false;
  }

  // The page's scripts run for the settle time, events delivered meanwhile; a script
  // navigation during it is waited for again.
  void settle(clock::time_point until) {
    const auto settled = std::min(until, clock::now() + request_.settle);
    while (clock::now() < settled && !watch_.crashed && browser_.connected() && !page_.error) {
      // Bounded by `until`, not `settled`: a reply a moment after the settle time is no error.
      evaluate("0", until);
      std::this_thread::sleep_for(std::min<clock::duration>(poll_every, settled - clock::now()));
    }
    if (!page_.error && !watch_.crashed && !wait_complete(until) && !page_.error) {
      record_error(
          page_, render_errc::timeout,
          "the page did not settle within " + std::to_string(request_.timeout.count()) + " ms");
    }
  }

  void read_page(clock::time_point deadline) {
    const auto read = evaluate(read_expression(request_.max_dom_bytes), deadline);
    if (!read || !read->is_object()) return;
    const auto& fields = read->get_object();
    const std::string html = string_field(fields, "html");
    const auto* length = fields.if_contains("length");
    const bool cut_in_browser =
        length && length->is_int64() &&
        static_cast<std::size_t>(length->as_int64()) > request_.max_dom_bytes;
    page_.dom = std::string(utf8_prefix(html, request_.max_dom_bytes));
    page_.dom_truncated = cut_in_browser || page_.dom.size() < html.size();
    page_.dom_sha256 = sha256_hex(page_.dom);
    page_.final_url = string_field(fields, "href");
    page_.title = string_field(fields, "title");
  }

  void screenshot(clock::time_point deadline) {
    const auto shot = call("Page.captureScreenshot", {{"format", "png"}}, deadline);
    if (!shot) return;
    if (auto png = decode_png(string_field(*shot, "data"))) {
      page_.screenshot_png = std::move(*png);
    } else {
      record_error(page_, render_errc::protocol, "Page.captureScreenshot gave no PNG");
    }
  }

 private:
  std::nullopt_t failed_read(std::string_view method, const devtools_reply& reply) {
    record_error(page_, render_code(reply.error, watch_),
                 std::string(method) + ": " + reply.reason);
    return std::nullopt;
  }

  devtools_client& browser_;
  const page_render_request& request_;
  context_watch& watch_;
  rendered_page& page_;
  std::string target_;
  std::string session_;
  std::string frame_;
  std::optional<std::int64_t> world_;
};

}  // namespace

std::string navigator_platform(std::string_view user_agent) {
  const auto has = [&](std::string_view word) {
    return user_agent.find(word) != std::string_view::npos;
  };
  if (has("iPhone")) return "iPhone";
  if (has("iPad")) return "iPad";
  if (has("Windows")) return "Win32";
  if (has("Macintosh") || has("Mac OS X")) return "MacIntel";
  if (has("Android")) return "Linux armv81";
  return "Linux x86_64";
}

page_render_outcome render_page(devtools_client& browser, const page_render_request& request) {
  page_render_outcome outcome;
  rendered_page& page = outcome.page;
  page.emulation = request.emulation;
  page.rendered_at = utc_timestamp();
  const auto started = clock::now();
  const auto deadline = started + request.timeout;
  // Loading and settling stop short of the deadline, so that a page that never settles still
  // leaves time to read what it has become.
  const auto read_reserve = std::min<clock::duration>(request.timeout / 4, std::chrono::seconds(3));
  const auto load_until = deadline - read_reserve;

  context_watch watch;
  watch.max_targets = request.max_targets;
  view_steps steps(browser, request, watch, page);
  const auto context =
      steps.call("Target.createBrowserContext",
                 {{"proxyServer", "http://127.0.0.1:" + std::to_string(request.relay_port)},
                  // The relay is on loopback too: without this, Chromium would bypass the proxy for
                  // loopback destinations and a page could reach them directly.
                  {"proxyBypassList", "<-loopback>"}},
                 deadline);
  if (!context) {
    outcome.browser_suspect = true;  // a context made after its deadline is never disposed of
    page.total = duration_cast<milliseconds>(clock::now() - started);
    return outcome;
  }
  watch.context_id = string_field(*context, "browserContextId");
  browser.on_event([&watch](const devtools_event& event) { return watch_event(watch, event); });

  if (steps.open_page(deadline) && steps.navigate(load_until)) {
    const bool loaded = steps.wait_complete(load_until);
    page.load_time = duration_cast<milliseconds>(clock::now() - started);
    if (loaded) steps.settle(load_until);
    if (!loaded && !page.error && !watch.crashed) {
      record_error(page, render_errc::timeout,
                   "no load event within " + std::to_string(request.timeout.count()) + " ms");
    }
    if (!watch.crashed && browser.connected()) {
      steps.read_page(deadline);
      steps.screenshot(deadline);
    }
  }
  if (watch.crashed) {
    outcome.renderer_exit = watch.crash_status.empty() ? "crashed" : watch.crash_status;
    record_error(page, crash_code(watch),
                 "the page's renderer died (" + outcome.renderer_exit + ")");
  }
  if (over_window_limit(watch))
    record_error(page, render_errc::targets, window_limit_message(watch));

  const auto disposed =
      browser.call("Target.disposeBrowserContext", {{"browserContextId", watch.context_id}}, "",
                   clock::now() + cleanup_limit);
  browser.on_event({});
  outcome.browser_suspect = static_cast<bool>(disposed.error);
  page.total = duration_cast<milliseconds>(clock::now() - started);
  return outcome;
}

}  // namespace geocrawl
