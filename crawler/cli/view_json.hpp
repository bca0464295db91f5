#pragma once
// The --json shape of a fetch. Later features add fields; the
// ones here keep their names and meaning.
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "crawler/store/registrar_record.hpp"
#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// null for "", else the text: how every report shows a field that has no value.
boost::json::value text_or_null(std::string_view text);

// A view's fields; "rendered" is null for a view that was not rendered, else {"final_url",
// "title", "emulation": {"user_agent", "accept_language", "locale", "time_zone"}, "dom_bytes",
// "dom_truncated", "dom_sha256", "screenshot_bytes", "requests": [{"method", "http_method",
// "target", "status", "bytes_up", "bytes_down", "outcome", "blocked", "reason", "started_at",
// "duration_ms"}], "requests_blocked", "connections_refused", "load_ms", "total_ms",
// "rendered_at", "error": {"code", "message"} or null, "analysis": analysis_to_json or null}.
boost::json::object view_to_json(const view& record);

// {"domain", "outcome", "error", "server", "looked_up_at", "registrar", "registrar_iana_id",
// "abuse_email", "abuse_phone", "registered_at", "expires_at", "last_changed_at",
// "name_servers", "statuses"}: a fetch report's "registrar"; fields without a value are null.
boost::json::object registrar_to_json(const registrar_record& lookup);

// The findings of a page analysis: title, lang, charset, drugs, no_rx, signals, redirects
// hidden in the page. A view carries these fields at its top level (null when the body was
// not analysed); `geocrawl analyze` prints them for a file.
boost::json::object analysis_to_json(const page_analysis& analysis);
// {"url", "fetched_urls", "verdict", "comparisons": [{"vantage", "baseline", "verdict",
// "score", "reasons", "text": {"similarity", "baseline_self_similarity", "length_ratio"}}],
// "views": [...]}; verdict is null for a single view; score and text are null when a side
// failed. fetched_urls are the URLs the views started from, each once: for a bare domain,
// says https or http.
boost::json::object fetch_report_json(std::string_view url, const std::vector<view>& views,
                                      const site_comparison& verdict);

}  // namespace geocrawl
