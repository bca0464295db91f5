#include "crawler/browser/offline_screenshotter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "crawler/browser/browser_error.hpp"
#include "crawler/browser/browser_process.hpp"
#include "crawler/browser/devtools_client.hpp"
#include "crawler/browser/devtools_values.hpp"
#include "parsers/ascii.hpp"
#include "parsers/charset/charset.hpp"

namespace geocrawl {
namespace {

namespace json = boost::json;
using clock = std::chrono::steady_clock;

// The viewport a page is laid out in before its full height is measured; the screenshot then
// reaches below it, up to the height cap.
constexpr int viewport_height = 800;
// Disposing of a page's browser context after it succeeded, failed or ran out of time.
constexpr auto cleanup_limit = std::chrono::seconds(2);

enum class body_kind { html, text, unsupported };

// What a stored body is drawn as, by its media type: HTML (also when the type is unknown,
// as a browser sniffs it), other text in a <pre>, anything else not at all.
body_kind kind_of(std::string_view content_type) {
  std::string type(trim_ascii_whitespace(content_type.substr(0, content_type.find(';'))));
  std::ranges::transform(type, type.begin(), to_ascii_lower);
  if (type.empty() || type == "text/html" || type == "application/xhtml+xml") {
    return body_kind::html;
  }
  if (type.starts_with("text/") || type == "application/json" || type == "application/xml") {
    return body_kind::text;
  }
  return body_kind::unsupported;
}

std::string preformatted(std::string_view text) {
  std::string html = "<!DOCTYPE html><meta charset=\"utf-8\"><pre style=\"white-space:pre-wrap\">";
  for (const char c : text) {
    switch (c) {
      case '&':
        html += "&amp;";
        break;
      case '<':
        html += "&lt;";
        break;
      case '>':
        html += "&gt;";
        break;
      default:
        html += c;
    }
  }
  return html + "</pre>";
}

screenshot_result failed_at(std::string_view step, const devtools_reply& reply) {
  return {{}, reply.error, std::string(step) + ": " + reply.reason};
}

screenshot_result protocol_error(std::string reason) {
  return {{}, browser_errc::protocol, std::move(reason)};
}

// The page's full height in CSS pixels, from Page.getLayoutMetrics.
std::optional<double> content_height(const json::object& metrics) {
  const auto* size = metrics.if_contains("cssContentSize");
  if (size == nullptr) size = metrics.if_contains("contentSize");
  if (size == nullptr || !size->is_object()) return std::nullopt;
  const auto* height = size->get_object().if_contains("height");
  if (height == nullptr || !height->is_number()) return std::nullopt;
  return height->to_number<double>();
}

// What makes a page offline and inert, sent to its session before its document is set: every
// request paused (and failed by answer_event), including the navigations of its iframes, which
// are the page's requests until a frame has a document; and no script run.
std::vector<devtools_command> offline_setup(const std::string& session) {
  return {
      {"Fetch.enable", {{"patterns", json::array{json::object{{"urlPattern", "*"}}}}}, session},
      {"Emulation.setScriptExecutionDisabled", {{"value", true}}, session},
  };
}

// A paused request is failed: the stored body is the whole page, and nothing it names is
// fetched from anywhere.
std::vector<devtools_command> answer_event(const devtools_event& event) {
  if (event.method != "Fetch.requestPaused") return {};
  const auto* request_id = event.params.if_contains("requestId");
  if (request_id == nullptr || !request_id->is_string()) return {};
  return {{"Fetch.failRequest",
           {{"requestId", *request_id}, {"errorReason", "BlockedByClient"}},
           event.session_id}};
}

}  // namespace

struct offline_screenshotter::browser {
  std::unique_ptr<browser_process> process;
  std::unique_ptr<devtools_client> client;
  bool stuck = false;  // a page's context may outlive it: replace the browser
};

offline_screenshotter::offline_screenshotter(screenshot_settings settings)
    : settings_(std::move(settings)) {}

offline_screenshotter::~offline_screenshotter() = default;

std::optional<pid_t> offline_screenshotter::browser_pid() const noexcept {
  if (!browser_) return std::nullopt;
  return browser_->process->pid();
}

screenshot_result offline_screenshotter::screenshot(std::string_view body,
                                                    std::string_view content_type) {
  if (unavailable_) return *unavailable_;
  const body_kind kind = kind_of(content_type);
  if (kind == body_kind::unsupported) {
    return {{},
            browser_errc::unsupported_content,
            "a body of type \"" + std::string(content_type) + "\" is not drawn"};
  }
  const std::string text = decode_to_utf8(body, content_type).utf8;
  const std::string html = kind == body_kind::html ? text : preformatted(text);

  if (!browser_) {
    if (auto failed = start_browser()) return std::move(*failed);
  }

  screenshot_result result = capture(*browser_, html);
  // A dead browser fails the page whatever step it was at; it and one whose page could not
  // be disposed of are replaced by the next call.
  if (!browser_->client->connected() || !browser_->process->running()) {
    result.error = browser_errc::crashed;
    result.png.clear();
    result.reason += " [chromium: " + browser_->process->log_tail() + "]";
    browser_.reset();
  } else if (browser_->stuck) {
    browser_.reset();
  }
  return result;
}

std::optional<screenshot_result> offline_screenshotter::start_browser() {
  if (launches_ > settings_.max_restarts) {
    unavailable_ = {
        {},
        browser_errc::unavailable,
        "Chromium stopped " + std::to_string(launches_) + " times; it is not started again"};
    return unavailable_;
  }
  ++launches_;
  auto launched = launch_browser({settings_.browser, settings_.start_time_limit});
  if (launched.error == browser_errc::unavailable) {
    unavailable_ = {{}, launched.error, launched.reason};
    return unavailable_;
  }
  if (launched.error) return screenshot_result{{}, launched.error, launched.reason};
  auto client = std::make_unique<devtools_client>(launched.process->devtools_port(),
                                                  launched.process->devtools_path(),
                                                  clock::now() + settings_.start_time_limit);
  if (!client->connected()) {
    return screenshot_result{{}, browser_errc::launch_failed, client->failure().reason};
  }
  client->on_event(answer_event);
  browser_.reset(new browser{std::move(launched.process), std::move(client)});
  return std::nullopt;
}

// One page in a browser context of its own, disposed of afterwards: nothing (cache, storage, a
// request still paused, a page still running) carries over to the next screenshot, at the cost
// of a few milliseconds per page.
screenshot_result offline_screenshotter::capture(browser& session, const std::string& html) {
  devtools_client& cdp = *session.client;
  const auto deadline = clock::now() + settings_.page_time_limit;

  const auto context = cdp.call("Target.createBrowserContext", {}, "", deadline);
  if (context.error) {
    // A context created after its deadline would never be disposed of: start afresh instead.
    if (context.error == browser_errc::timeout) session.stuck = true;
    return failed_at("Target.createBrowserContext", context);
  }
  const std::string context_id = string_field(context.result, "browserContextId");
  if (context_id.empty()) return protocol_error("Target.createBrowserContext gave no id");

  const auto draw = [&]() -> screenshot_result {
    const auto target =
        cdp.call("Target.createTarget", {{"url", "about:blank"}, {"browserContextId", context_id}},
                 "", deadline);
    if (target.error) return failed_at("Target.createTarget", target);
    const auto attached = cdp.call(
        "Target.attachToTarget",
        {{"targetId", string_field(target.result, "targetId")}, {"flatten", true}}, "", deadline);
    if (attached.error) return failed_at("Target.attachToTarget", attached);
    const std::string page = string_field(attached.result, "sessionId");
    if (page.empty()) return protocol_error("Target.attachToTarget gave no session");

    // Before the document exists: offline, inert, at a fixed width.
    auto setup = offline_setup(page);
    setup.push_back({"Emulation.setDeviceMetricsOverride",
                     {{"width", settings_.width},
                      {"height", std::min(viewport_height, settings_.max_height)},
                      {"deviceScaleFactor", 1},
                      {"mobile", false}},
                     page});
    for (auto& command : setup) {
      const auto reply = cdp.call(command.method, std::move(command.params), page, deadline);
      if (reply.error) return failed_at(command.method, reply);
    }

    const auto tree = cdp.call("Page.getFrameTree", {}, page, deadline);
    if (tree.error) return failed_at("Page.getFrameTree", tree);
    const auto* frame = tree.result.if_contains("frameTree");
    const auto* frame_info =
        frame && frame->is_object() ? frame->get_object().if_contains("frame") : nullptr;
    const std::string frame_id =
        frame_info && frame_info->is_object() ? string_field(frame_info->get_object(), "id") : "";
    if (frame_id.empty()) return protocol_error("Page.getFrameTree gave no frame");

    const auto set = cdp.call("Page.setDocumentContent", {{"frameId", frame_id}, {"html", html}},
                              page, deadline);
    if (set.error) return failed_at("Page.setDocumentContent", set);

    const auto metrics = cdp.call("Page.getLayoutMetrics", {}, page, deadline);
    if (metrics.error) return failed_at("Page.getLayoutMetrics", metrics);
    const auto full_height = content_height(metrics.result);
    if (!full_height) return protocol_error("Page.getLayoutMetrics gave no content size");
    const int height =
        std::clamp(static_cast<int>(std::ceil(*full_height)), 1, settings_.max_height);

    const json::object clip = {
        {"x", 0}, {"y", 0}, {"width", settings_.width}, {"height", height}, {"scale", 1}};
    const auto shot = cdp.call("Page.captureScreenshot",
                               {{"format", "png"}, {"clip", clip}, {"captureBeyondViewport", true}},
                               page, deadline);
    if (shot.error) return failed_at("Page.captureScreenshot", shot);
    auto png = decode_png(string_field(shot.result, "data"));
    if (!png) return protocol_error("Page.captureScreenshot gave no PNG");
    return {std::move(*png), {}, {}};
  };

  screenshot_result result = draw();
  const auto disposed = cdp.call("Target.disposeBrowserContext", {{"browserContextId", context_id}},
                                 "", clock::now() + cleanup_limit);
  if (disposed.error) {
    session.stuck = true;
    if (result.ok()) result = failed_at("Target.disposeBrowserContext", disposed);
  }
  return result;
}

}  // namespace geocrawl
