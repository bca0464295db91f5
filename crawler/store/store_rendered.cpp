// The store's rendered views: what a rendered vantage's browser made of a view, written beside
// it in the same per-site transaction (store_evidence.cpp calls this for each view).
#include "crawler/store/analysis_summary.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/sha256.hpp"
#include "crawler/view/timestamp.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

void store::insert_rendered(std::int64_t view_id, const rendered_page& page) {
  // A render that failed before it read the DOM has none to keep; an empty DOM that was read
  // is kept like an empty body.
  const bool has_dom = !page.dom_sha256.empty();
  if (has_dom) insert_body(page.dom_sha256, page.dom);
  // The screenshot is kept by its SHA-256 like a body: the same placeholder page drawn for many
  // sites is stored once. PNG does not compress further, so pack_blob keeps it as it is.
  const auto screenshot_sha256 = page.screenshot_png.empty() ? "" : sha256_hex(page.screenshot_png);
  if (!screenshot_sha256.empty()) insert_body(screenshot_sha256, page.screenshot_png);
  auto& insert = db_->cached(R"sql(
INSERT INTO rendered_views (view_id, final_url, title, dom_sha256, dom_bytes, dom_truncated,
  screenshot_sha256, user_agent, accept_language, locale, time_zone, load_ms, total_ms,
  rendered_at, error_code, error_message, connections_refused, analysis)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
  insert.bind(1, view_id)
      .bind(2, page.final_url)
      .bind(3, page.title)
      .bind_optional(4, page.dom_sha256)
      .bind(5, static_cast<std::int64_t>(page.dom.size()))
      .bind(6, page.dom_truncated ? 1 : 0)
      .bind_optional(7, screenshot_sha256)
      .bind(8, page.emulation.user_agent)
      .bind(9, page.emulation.accept_language)
      .bind(10, page.emulation.locale)
      .bind(11, page.emulation.time_zone)
      .bind(12, page.load_time.count())
      .bind(13, page.total.count())
      .bind(14, page.rendered_at)
      .bind_optional(15, page.error ? short_code(page.error->code) : "")
      .bind_optional(16, page.error ? page.error->message : "")
      .bind(17, static_cast<std::int64_t>(page.requests.connections_refused))
      .bind_optional(18, page.analysis ? analysis_summary_json(*page.analysis) : "")
      .run();
  insert.reset();

  auto& request = db_->cached(R"sql(
INSERT INTO rendered_requests (view_id, position, method, http_method, target, status, bytes_up,
  bytes_down, outcome, reason, started_at, duration_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
  const auto& requests = page.requests.requests;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& made = requests[i];
    request.bind(1, view_id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, to_string(made.method))
        .bind(4, made.http_method)
        .bind(5, made.target)
        .bind(7, static_cast<std::int64_t>(made.bytes_up))
        .bind(8, static_cast<std::int64_t>(made.bytes_down))
        .bind(9, to_string(made.outcome))
        .bind_optional(10, made.reason)
        .bind(11, utc_timestamp(made.started))
        .bind(12, made.duration.count());
    if (made.status) {
      request.bind(6, *made.status);
    } else {
      request.bind_null(6);
    }
    request.run();
    request.reset();
  }
}

}  // namespace geocrawl
