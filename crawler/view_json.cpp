#include "crawler/view_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace geocrawl {

namespace json = boost::json;

namespace {

json::value text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return json::value(text);
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
                      {"verify_error", text_or_null(tls->verify_error)}};
}

}  // namespace

json::object view_to_json(const view& record) {
  json::array redirects;
  for (const auto& hop : record.redirects) redirects.push_back(json::object{{"url", hop.url}, {"status", hop.status}});
  json::array headers;
  for (const auto& [name, value] : record.response_headers) headers.push_back(json::array{name, value});
  json::value error = nullptr;
  if (record.error) error = json::object{{"code", record.error->code}, {"message", record.error->message}};
  return json::object{
      {"vantage", record.vantage},
      {"proxy", text_or_null(record.proxy)},
      {"exit_ip", text_or_null(record.exit_ip)},
      {"exit_country", text_or_null(record.exit_country)},
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
      {"timings_ms", json::object{{"dns", record.timings.dns.count()},
                                  {"connect", record.timings.connect.count()},
                                  {"tls", record.timings.tls.count()},
                                  {"first_byte", record.timings.first_byte.count()},
                                  {"total", record.timings.total.count()}}},
      {"fetched_at", record.fetched_at},
      {"error", std::move(error)},
  };
}

json::object fetch_report_json(std::string_view url, const std::vector<view>& views) {
  json::array list;
  for (const auto& record : views) list.push_back(view_to_json(record));
  return json::object{{"url", url}, {"views", std::move(list)}};
}

}  // namespace geocrawl
