#include "crawler/warc/view_records.hpp"

#include <string>

#include "crawler/warc/warc_digest.hpp"

namespace geocrawl {

namespace {

void add_line(std::string& block, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  block.append(name).append(": ").append(warc_field_text(value)).append("\r\n");
}

// A request or response record of a hop: application/http with the hop's target and address.
warc_record http_record(warc_record_type type, const hop_capture& hop, const std::string& block) {
  warc_record record;
  record.type = type;
  record.record_id = new_record_id();
  record.date = hop.sent_at;
  record.content_type = type == warc_record_type::request ? "application/http;msgtype=request"
                                                          : "application/http;msgtype=response";
  record.block = block;
  record.fields.emplace_back("WARC-Target-URI", hop.target_uri);
  if (!hop.ip_address.empty()) record.fields.emplace_back("WARC-IP-Address", hop.ip_address);
  return record;
}

std::vector<warc_record> hop_records(const hop_capture& hop, const char* truncation) {
  auto request = http_record(warc_record_type::request, hop, hop.request);
  auto response = http_record(warc_record_type::response, hop, hop.response);
  request.fields.emplace_back("WARC-Concurrent-To", response.record_id);
  response.fields.emplace_back("WARC-Concurrent-To", request.record_id);
  request.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(request.block));
  response.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(response.block));
  if (const auto payload = http_payload(response.block))
    response.fields.emplace_back("WARC-Payload-Digest", warc_sha1_digest(*payload));
  if (!hop.response_complete) response.fields.emplace_back("WARC-Truncated", truncation);
  return {std::move(request), std::move(response)};
}

warc_record metadata_record(const view& seen, const comparison* compared,
                            const std::optional<cloaking_verdict>& site_verdict,
                            const std::string& refers_to) {
  warc_record metadata;
  metadata.type = warc_record_type::metadata;
  metadata.record_id = new_record_id();
  metadata.date = seen.fetched_at;
  metadata.fields.emplace_back("WARC-Target-URI", seen.requested_url);
  if (!refers_to.empty()) metadata.fields.emplace_back("WARC-Concurrent-To", refers_to);
  metadata.content_type = "application/warc-fields";
  auto& block = metadata.block;
  add_line(block, "vantage", seen.vantage);
  add_line(block, "proxy", seen.proxy);
  add_line(block, "exit-ip", seen.exit_ip);
  add_line(block, "exit-country", seen.exit_country);
  add_line(block, "exit-geoip", seen.exit_geoip);
  add_line(block, "exit-unverified", seen.exit_unverified);
  add_line(block, "final-url", seen.final_url);
  if (seen.status != 0) add_line(block, "status", std::to_string(seen.status));
  add_line(block, "truncated", seen.truncated_reason);
  if (seen.error) add_line(block, "error", seen.error->message);
  add_line(block, "body-sha256", seen.sha256);
  if (site_verdict) add_line(block, "site-verdict", to_string(*site_verdict));
  if (compared) {
    add_line(block, "baseline", compared->baseline);
    add_line(block, "verdict", to_string(compared->verdict));
    for (const auto& reason : compared->reasons) add_line(block, "reason", reason);
  }
  if (seen.rendered) {
    const auto& page = *seen.rendered;
    add_line(block, "rendered-final-url", page.final_url);
    add_line(block, "rendered-locale", page.emulation.locale);
    add_line(block, "rendered-time-zone", page.emulation.time_zone);
    add_line(block, "rendered-dom-sha256", page.dom_sha256);
    add_line(block, "rendered-requests", std::to_string(page.requests.requests.size()));
    if (page.error) add_line(block, "render-error", page.error->message);
  }
  metadata.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(block));
  return metadata;
}

// The rendered DOM as a conversion of the final response and the screenshot beside it. The
// target URI is where the scripts left the page, written through warc_field_text: a script
// chooses it, and a control character in it must not end the field.
void add_rendered_records(const view& seen, const std::string& final_response,
                          std::vector<warc_record>& records) {
  const auto& page = *seen.rendered;
  const auto target = warc_field_text(page.final_url.empty() ? seen.requested_url : page.final_url);
  // A render stopped before it said when keeps the view's time.
  const auto& date = page.rendered_at.empty() ? seen.fetched_at : page.rendered_at;
  std::string conversion_id;
  if (!page.dom_sha256.empty()) {
    warc_record dom;
    dom.type = warc_record_type::conversion;
    dom.record_id = new_record_id();
    dom.date = date;
    dom.fields.emplace_back("WARC-Target-URI", target);
    if (!final_response.empty()) dom.fields.emplace_back("WARC-Refers-To", final_response);
    // outerHTML is serialised as UTF-8 whatever the page was served as.
    dom.content_type = "text/html; charset=utf-8";
    dom.block = page.dom;
    dom.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(dom.block));
    if (page.dom_truncated) dom.fields.emplace_back("WARC-Truncated", "length");
    conversion_id = dom.record_id;
    records.push_back(std::move(dom));
  }
  if (!page.screenshot_png.empty()) {
    warc_record shot;
    shot.type = warc_record_type::resource;
    shot.record_id = new_record_id();
    shot.date = date;
    shot.fields.emplace_back("WARC-Target-URI", screenshot_uri(target));
    if (!conversion_id.empty()) shot.fields.emplace_back("WARC-Concurrent-To", conversion_id);
    shot.content_type = "image/png";
    shot.block = page.screenshot_png;
    shot.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(shot.block));
    records.push_back(std::move(shot));
  }
}

}  // namespace

std::string certificate_chain_uri(const std::string& final_url) {
  return "urn:x-geocrawl:tls-chain:" + final_url;
}

std::string screenshot_uri(const std::string& rendered_url) {
  return "urn:x-geocrawl:screenshot:" + rendered_url;
}

std::vector<warc_record> view_records(const view& seen, const comparison* compared,
                                      const std::optional<cloaking_verdict>& site_verdict) {
  std::vector<warc_record> records;
  for (std::size_t i = 0; i < seen.captures.size(); ++i) {
    // Only the final hop's body cut is known to be the length cap (WARC/1.1 section 5.13);
    // an earlier hop is cut where its redirect was followed without reading its body.
    const bool final_hop = i + 1 == seen.captures.size();
    auto pair =
        hop_records(seen.captures[i], final_hop && seen.truncated ? "length" : "unspecified");
    for (auto& record : pair) records.push_back(std::move(record));
  }
  const std::string final_response = records.empty() ? "" : records.back().record_id;
  records.push_back(metadata_record(seen, compared, site_verdict, final_response));
  if (seen.tls && !seen.tls->chain_pem.empty() && !seen.captures.empty()) {
    warc_record chain;
    chain.type = warc_record_type::resource;
    chain.record_id = new_record_id();
    chain.date = seen.captures.back().sent_at;
    chain.fields.emplace_back("WARC-Target-URI", certificate_chain_uri(seen.final_url));
    chain.fields.emplace_back("WARC-Concurrent-To", final_response);
    chain.content_type = "application/x-pem-file";
    chain.block = seen.tls->chain_pem;
    chain.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(chain.block));
    records.push_back(std::move(chain));
  }
  if (seen.rendered) add_rendered_records(seen, final_response, records);
  return records;
}

}  // namespace geocrawl
