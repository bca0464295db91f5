#include "crawler/cli/view_json.hpp"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "crawler/cli/phase_times.hpp"
#include "crawler/view/timestamp.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& values) {
  json::array list;
  for (const auto& value : values) list.push_back(json::value(value));
  return list;
}

json::value tls_to_json(const std::optional<tls_summary>& tls) {
  if (!tls) return nullptr;
  return json::object{{"version", tls->version},
                      {"cipher", tls->cipher},
                      {"subject", tls->subject},
                      {"issuer", tls->issuer},
                      {"not_before", tls->not_before},
                      {"not_after", tls->not_after},
                      {"sha256_fingerprint", tls->sha256_fingerprint},
                      {"verified", tls->verified},
                      {"verify_error", text_or_null(tls->verify_error)},
                      {"dns_names", strings(tls->dns_names)},
                      {"dns_name_count", tls->dns_name_count}};
}

// The analysis fields with the values a view without analysis shows.
json::object empty_analysis_json() {
  return json::object{{"title", nullptr},
                      {"lang", nullptr},
                      {"charset", nullptr},
                      {"charset_source", nullptr},
                      {"drugs", json::array{}},
                      {"no_rx", false},
                      {"no_rx_phrases", json::array{}},
                      {"signals", json::array{}},
                      {"meta_refresh", nullptr},
                      {"script_redirects", json::array{}},
                      {"canonical", nullptr},
                      {"links", 0},
                      {"external_hosts", json::array{}},
                      {"checkout_form", false},
                      {"analysis_truncated", false}};
}

json::value number_or_null(const std::optional<double>& number) {
  if (!number) return nullptr;
  return *number;
}

// How alike the two texts are: the numbers behind a "page text differs" reason.
json::value text_measures_to_json(const std::optional<text_measures>& text) {
  if (!text) return nullptr;
  return json::object{{"similarity", text->similarity},
                      {"baseline_self_similarity", number_or_null(text->baseline_self_similarity)},
                      {"length_ratio", text->length_ratio}};
}

json::value milliseconds_or_null(const std::optional<std::chrono::milliseconds>& time) {
  if (!time) return nullptr;
  return time->count();
}

// Seconds with the milliseconds the age was measured in.
json::value seconds_or_null(const std::optional<std::chrono::milliseconds>& time) {
  if (!time) return nullptr;
  return static_cast<double>(time->count()) / 1000.0;
}

// A phase that did not happen is null, not 0 (crawler/cli/phase_times.hpp).

json::object timings_to_json(const phase_times& times) {
  return json::object{{"dns", milliseconds_or_null(times.dns)},
                      {"connect", milliseconds_or_null(times.connect)},
                      {"tls", milliseconds_or_null(times.tls)},
                      {"first_byte", milliseconds_or_null(times.first_byte)},
                      {"total", times.total.count()}};
}

json::value error_to_json(const std::optional<view_error>& error) {
  if (!error) return nullptr;
  return json::object{{"code", short_code(error->code)}, {"message", error->message}};
}

json::object request_to_json(const relay_request& request) {
  return json::object{{"method", to_string(request.method)},
                      {"http_method", request.http_method},
                      {"target", request.target},
                      {"status", request.status ? json::value(*request.status) : json::value()},
                      {"bytes_up", request.bytes_up},
                      {"bytes_down", request.bytes_down},
                      {"outcome", to_string(request.outcome)},
                      {"blocked", is_blocked(request.outcome)},
                      {"reason", text_or_null(request.reason)},
                      {"started_at", utc_timestamp(request.started)},
                      {"duration_ms", request.duration.count()}};
}

json::value rendered_to_json(const std::optional<rendered_page>& rendered) {
  if (!rendered) return nullptr;
  const auto& page = *rendered;
  json::array requests;
  std::size_t blocked = 0;
  for (const auto& request : page.requests.requests) {
    requests.push_back(request_to_json(request));
    if (is_blocked(request.outcome)) ++blocked;
  }
  return json::object{
      {"final_url", text_or_null(page.final_url)},
      {"title", page.title},
      {"emulation", json::object{{"user_agent", page.emulation.user_agent},
                                 {"accept_language", page.emulation.accept_language},
                                 {"locale", page.emulation.locale},
                                 {"time_zone", page.emulation.time_zone}}},
      {"dom_bytes", page.dom.size()},
      {"dom_truncated", page.dom_truncated},
      {"dom_sha256", text_or_null(page.dom_sha256)},
      {"screenshot_bytes", page.screenshot_png.size()},
      {"requests", std::move(requests)},
      {"requests_blocked", blocked},
      {"connections_refused", page.requests.connections_refused},
      {"load_ms", page.load_time.count()},
      {"total_ms", page.total.count()},
      {"rendered_at", text_or_null(page.rendered_at)},
      {"error", error_to_json(page.error)},
      {"analysis", page.analysis ? json::value(analysis_to_json(*page.analysis)) : json::value()}};
}

// The site's favicon on the view whose vantage fetched it; null on the others.
json::value favicon_to_json(const std::optional<favicon_fetch>& favicon) {
  if (!favicon) return nullptr;
  const auto& icon = *favicon;
  return json::object{{"url", icon.url},
                      {"final_url", text_or_null(icon.final_url)},
                      {"outcome", to_string(icon.outcome)},
                      {"status", icon.status},
                      {"bytes", icon.bytes},
                      {"hash", icon.hash ? json::value(*icon.hash) : json::value()},
                      {"detail", text_or_null(icon.detail)},
                      {"error", error_to_json(icon.error)},
                      {"fetched_at", text_or_null(icon.fetched_at)}};
}

}  // namespace

json::object registrar_to_json(const registrar_record& lookup) {
  return json::object{{"domain", lookup.domain},
                      {"outcome", to_string(lookup.outcome)},
                      {"error", text_or_null(lookup.error)},
                      {"server", text_or_null(lookup.server)},
                      {"looked_up_at", lookup.looked_up_at},
                      {"registrar", text_or_null(lookup.registrar)},
                      {"registrar_iana_id", text_or_null(lookup.registrar_iana_id)},
                      {"abuse_email", text_or_null(lookup.abuse_email)},
                      {"abuse_phone", text_or_null(lookup.abuse_phone)},
                      {"registered_at", text_or_null(lookup.registered_at)},
                      {"expires_at", text_or_null(lookup.expires_at)},
                      {"last_changed_at", text_or_null(lookup.last_changed_at)},
                      {"name_servers", strings(lookup.name_servers)},
                      {"statuses", strings(lookup.statuses)}};
}

json::object analysis_to_json(const page_analysis& analysis) {
  const auto& page = analysis.page;
  json::array drugs;
  for (const auto& hit : analysis.found.drugs) {
    drugs.push_back(json::object{
        {"term", hit.term}, {"drug", hit.drug}, {"category", hit.category}, {"count", hit.count}});
  }
  json::value refresh = nullptr;
  if (page.refresh)
    refresh = json::object{{"delay_s", page.refresh->delay_seconds},
                           {"url", text_or_null(page.refresh->url)}};
  json::array script_redirects;
  for (const auto& hint : page.script_redirects) {
    script_redirects.push_back(
        json::object{{"pattern", hint.pattern}, {"target", text_or_null(hint.target)}});
  }
  const bool checkout = std::any_of(page.forms.begin(), page.forms.end(),
                                    [](const form_summary& f) { return f.checkout; });
  return json::object{{"title", page.title},
                      {"lang", text_or_null(page.lang)},
                      {"charset", analysis.charset},
                      {"charset_source", analysis.charset_source},
                      {"drugs", std::move(drugs)},
                      {"no_rx", analysis.found.no_rx},
                      {"no_rx_phrases", strings(analysis.found.no_rx_phrases)},
                      {"signals", strings(analysis.found.signals)},
                      {"meta_refresh", std::move(refresh)},
                      {"script_redirects", std::move(script_redirects)},
                      {"canonical", text_or_null(page.canonical)},
                      {"links", page.link_count},
                      {"external_hosts", strings(page.external_hosts)},
                      {"checkout_form", checkout},
                      {"analysis_truncated", page.truncated}};
}

json::value text_or_null(std::string_view text) {
  if (text.empty()) return nullptr;
  return json::value(text);
}

json::object view_to_json(const view& record) {
  json::array redirects;
  for (const auto& hop : record.redirects) {
    redirects.push_back(json::object{
        {"url", hop.url}, {"status", hop.status}, {"next", text_or_null(to_string(hop.next))}});
  }
  json::array headers;
  for (const auto& [name, value] : record.response_headers)
    headers.push_back(json::array{name, value});
  json::object result{
      {"vantage", record.vantage},
      {"proxy", text_or_null(record.proxy)},
      {"exit_ip", text_or_null(record.exit_ip)},
      {"exit_country", text_or_null(record.exit_country)},
      {"exit_geoip", text_or_null(record.exit_geoip)},
      {"exit_unverified", text_or_null(record.exit_unverified)},
      {"exit_checked_at", text_or_null(record.exit_checked_at)},
      {"exit_check_age_s", seconds_or_null(record.exit_check_age)},
      {"exit_check_id", record.exit_check_id ? json::value(*record.exit_check_id) : json::value()},
      {"exit_changed", record.exit_changed},
      {"requested_url", record.requested_url},
      {"final_url", text_or_null(record.final_url)},
      {"peer_address", text_or_null(record.peer_address)},
      {"status", record.status},
      {"redirects", std::move(redirects)},
      {"headers", std::move(headers)},
      {"content_type", text_or_null(record.content_type)},
      {"content_encoding", text_or_null(record.content_encoding)},
      {"bytes", record.body.size()},
      {"wire_bytes", record.wire_bytes},
      {"truncated", record.truncated},
      {"truncated_reason", text_or_null(record.truncated_reason)},
      {"sha256", record.sha256},
      {"tls", tls_to_json(record.tls)},
      {"timings_ms", timings_to_json(phase_times_of(record))},
      {"fetched_at", record.fetched_at},
      {"error", error_to_json(record.error)},
      {"rendered", rendered_to_json(record.rendered)},
      {"favicon", favicon_to_json(record.favicon)},
  };
  for (auto& [key, value] :
       record.analysis ? analysis_to_json(*record.analysis) : empty_analysis_json()) {
    result[key] = std::move(value);
  }
  return result;
}

json::object fetch_report_json(std::string_view url, const std::vector<view>& views,
                               const site_comparison& verdict) {
  json::array comparisons;
  for (const auto& pair : verdict.comparisons) {
    json::array reasons;
    for (const auto& reason : pair.reasons) reasons.push_back(json::string(reason));
    comparisons.push_back(json::object{{"vantage", pair.vantage},
                                       {"baseline", pair.baseline},
                                       {"verdict", to_string(pair.verdict)},
                                       {"score", number_or_null(pair.score)},
                                       {"reasons", std::move(reasons)},
                                       {"text", text_measures_to_json(pair.text)}});
  }
  json::array list;
  json::array fetched_urls;
  for (const auto& record : views) {
    list.push_back(view_to_json(record));
    const json::value requested(record.requested_url);
    if (std::find(fetched_urls.begin(), fetched_urls.end(), requested) == fetched_urls.end())
      fetched_urls.push_back(requested);
  }
  return json::object{{"url", url},
                      {"fetched_urls", std::move(fetched_urls)},
                      {"verdict", text_or_null(to_string(verdict.verdict))},
                      {"comparisons", std::move(comparisons)},
                      {"views", std::move(list)}};
}

}  // namespace geocrawl
