// The store's evidence: each finished site's views, bodies, page analyses and comparisons, and
// the proxy checks a run made.
#include "crawler/store/store.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "crawler/store/packed_blob.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store_reading.hpp"
#include "crawler/view/timestamp.hpp"
#include "crawler/view/view_identifiers.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

std::vector<bool> store::finish_sites(std::int64_t run_id,
                                      const std::vector<finished_site>& sites) {
  sqlite_transaction transaction(*db_);
  auto& finish = db_->cached(R"sql(
UPDATE sites SET finished_at = ?, verdict = ? WHERE id = ? AND run_id = ? AND finished_at IS NULL
)sql");
  std::vector<bool> stored;
  for (const auto& site : sites) {
    finish.bind(1, utc_timestamp())
        .bind_optional(2, to_string(site.verdict.verdict))
        .bind(3, site.id)
        .bind(4, run_id)
        .run();
    finish.reset();
    stored.push_back(db_->changes() == 1);
    if (stored.back()) insert_results(site.id, site.views, site.verdict);
    keep_analyses(site.analyses);
  }
  db_->cached("UPDATE runs SET sites_done = sites_done + ? WHERE id = ?")
      .bind(1, static_cast<std::int64_t>(std::count(stored.begin(), stored.end(), true)))
      .bind(2, run_id)
      .run();
  transaction.commit();
  return stored;
}

std::int64_t store::record_site(std::int64_t run_id, std::string_view url,
                                const std::vector<view>& views, const site_comparison& verdict) {
  sqlite_transaction transaction(*db_);
  db_->prepare("INSERT INTO sites (run_id, url, finished_at, verdict) VALUES (?, ?, ?, ?)")
      .bind(1, run_id)
      .bind(2, url)
      .bind(3, utc_timestamp())
      .bind_optional(4, to_string(verdict.verdict))
      .run();
  const auto site_id = db_->last_insert_rowid();
  insert_results(site_id, views, verdict);
  transaction.commit();
  return site_id;
}

void store::insert_results(std::int64_t site_id, const std::vector<view>& views,
                           const site_comparison& verdict) {
  std::map<std::string, std::int64_t> view_ids;
  for (const auto& record : views) view_ids[record.vantage] = insert_view(site_id, record);
  auto& insert = db_->cached(R"sql(
INSERT INTO comparisons (site_id, vantage_view_id, baseline_view_id, vantage, baseline, verdict, score, reasons)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
)sql");
  for (const auto& pair : verdict.comparisons) {
    std::string reasons;
    for (const auto& reason : pair.reasons) reasons += (reasons.empty() ? "" : "\n") + reason;
    insert.bind(1, site_id)
        .bind(2, view_ids.at(pair.vantage))
        .bind(3, view_ids.at(pair.baseline))
        .bind(4, pair.vantage)
        .bind(5, pair.baseline)
        .bind(6, to_string(pair.verdict))
        .bind(8, reasons);
    if (pair.score) {
      insert.bind_real(7, *pair.score);
    } else {
      insert.bind_null(7);
    }
    insert.run();
    insert.reset();
  }
}

void store::insert_body(const std::string& sha256, const std::string& body) {
  // Many sites serve the same bytes (parking pages, hosting placeholders): compress a body
  // only the first time.
  auto& known = db_->cached("SELECT 1 FROM bodies WHERE sha256 = ?");
  const bool stored = known.bind(1, sha256).step();
  known.reset();
  if (stored) return;
  // Level 3 keeps the writer fast.
  const auto [data, compression] = pack_blob(body, 3);
  db_->cached("INSERT OR IGNORE INTO bodies (sha256, size, compression, data) VALUES (?, ?, ?, ?)")
      .bind(1, sha256)
      .bind(2, static_cast<std::int64_t>(body.size()))
      .bind(3, compression)
      .bind_blob(4, data)
      .run();
}

void store::insert_favicon(std::int64_t view_id, const favicon_fetch& icon) {
  auto& insert = db_->cached(R"sql(
INSERT INTO view_favicons (view_id, url, final_url, outcome, status, bytes, hash, error_code,
  detail, fetched_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
  insert.bind(1, view_id)
      .bind(2, icon.url)
      .bind_optional(3, icon.final_url)
      .bind(4, to_string(icon.outcome))
      .bind(5, icon.status)
      .bind(6, static_cast<std::int64_t>(icon.bytes))
      .bind_optional(8, icon.error ? short_code(icon.error->code) : "")
      .bind_optional(9, icon.error ? icon.error->message : icon.detail)
      .bind(10, icon.fetched_at);
  if (icon.hash) insert.bind(7, static_cast<std::int64_t>(*icon.hash));
  insert.run();
  insert.reset();
}

std::int64_t store::insert_view(std::int64_t site_id, const view& record) {
  const bool has_body = record.status != 0;
  if (has_body) insert_body(record.sha256, record.body);
  auto& insert = db_->cached(R"sql(
INSERT INTO views (site_id, vantage, proxy, exit_ip, exit_country, requested_url, final_url,
  peer_address, status, content_type, content_encoding, bytes, wire_bytes, truncated,
  truncated_reason, body_sha256, tls_version, tls_cipher, tls_subject, tls_issuer,
  tls_not_before, tls_not_after, tls_fingerprint, tls_verified, tls_verify_error, dns_ms,
  connect_ms, tls_ms, first_byte_ms, total_ms, error_code, error_message, fetched_at, exit_geoip,
  exit_unverified, exit_checked_at, exit_check_age_s, exit_changed, exit_check_id, warc_file,
  warc_offset, tls_names, tls_name_count)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
  ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38,
  -- The check the view relied on, among its run's: the proxy's, or the direct exit's.
  (SELECT max(id) FROM proxy_checks
   WHERE run_id = (SELECT run_id FROM sites WHERE id = ?1) AND checked_at = ?36
     AND proxy = coalesce(nullif(?3, ''), ?39)), ?40, ?41, ?42, ?43)
)sql");
  insert.bind(1, site_id)
      .bind(2, record.vantage)
      .bind_optional(3, record.proxy)
      .bind_optional(4, record.exit_ip)
      .bind_optional(5, record.exit_country)
      .bind(6, record.requested_url)
      .bind_optional(7, record.final_url)
      .bind_optional(8, record.peer_address)
      .bind(9, record.status)
      .bind_optional(10, record.content_type)
      .bind_optional(11, record.content_encoding)
      .bind(12, static_cast<std::int64_t>(record.body.size()))
      .bind(13, static_cast<std::int64_t>(record.wire_bytes))
      .bind(14, record.truncated ? 1 : 0)
      .bind_optional(15, record.truncated_reason)
      .bind_optional(16, has_body ? record.sha256 : "");
  if (record.tls) {
    insert.bind(17, record.tls->version)
        .bind(18, record.tls->cipher)
        .bind(19, record.tls->subject)
        .bind(20, record.tls->issuer)
        .bind(21, record.tls->not_before)
        .bind(22, record.tls->not_after)
        .bind(23, record.tls->sha256_fingerprint)
        .bind(24, record.tls->verified ? 1 : 0)
        .bind_optional(25, record.tls->verify_error)
        .bind(42, to_json_array(record.tls->dns_names))
        .bind(43, static_cast<std::int64_t>(record.tls->dns_name_count));
  }
  insert.bind(26, record.timings.dns.count())
      .bind(27, record.timings.connect.count())
      .bind(28, record.timings.tls.count())
      .bind(29, record.timings.first_byte.count())
      .bind(30, record.timings.total.count())
      .bind_optional(31, record.error ? short_code(record.error->code) : "")
      .bind_optional(32, record.error ? record.error->message : "")
      .bind(33, record.fetched_at)
      .bind_optional(34, record.exit_geoip)
      .bind_optional(35, record.exit_unverified)
      .bind_optional(36, record.exit_checked_at)
      .bind(38, record.exit_changed ? 1 : 0)
      .bind(39, direct_check_name)
      .bind_optional(40, record.warc_file);
  if (record.exit_check_age)
    insert.bind_real(37, static_cast<double>(record.exit_check_age->count()) / 1000.0);
  if (!record.warc_file.empty()) insert.bind(41, static_cast<std::int64_t>(record.warc_offset));
  insert.run();
  const auto view_id = db_->last_insert_rowid();
  if (record.analysis) insert_analysis(view_id, *record.analysis);
  if (record.rendered) insert_rendered(view_id, *record.rendered);
  if (record.favicon) insert_favicon(view_id, *record.favicon);
  auto& identifier =
      db_->cached("INSERT INTO view_identifiers (view_id, kind, value) VALUES (?, ?, ?)");
  for (const auto& id : view_identifiers(record)) {
    identifier.bind(1, view_id).bind(2, to_string(id.kind)).bind(3, id.value).run();
    identifier.reset();
  }

  auto& redirect = db_->cached(
      "INSERT INTO view_redirects (view_id, position, url, status, next) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < record.redirects.size(); ++i) {
    redirect.bind(1, view_id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, record.redirects[i].url)
        .bind(4, record.redirects[i].status)
        .bind_optional(5, to_string(record.redirects[i].next))
        .run();
    redirect.reset();
  }
  auto& header =
      db_->cached("INSERT INTO view_headers (view_id, position, name, value) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < record.response_headers.size(); ++i) {
    header.bind(1, view_id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, record.response_headers[i].first)
        .bind(4, record.response_headers[i].second)
        .run();
    header.reset();
  }
  return view_id;
}

void store::record_proxy_checks(std::int64_t run_id, const std::vector<proxy_check>& checks) {
  sqlite_transaction transaction(*db_);
  auto insert = db_->prepare(R"sql(
INSERT INTO proxy_checks (run_id, proxy, url, declared_country, exit_ip, exit_country, geoip,
  second_country, second_geoip, latency_ms, status, reason, checked_at, reused)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
  for (const auto& check : checks) {
    insert.bind(1, run_id)
        .bind(2, check.name)
        .bind(3, check.url)
        .bind(4, check.declared_country)
        .bind_optional(5, check.exit_ip)
        .bind_optional(6, check.location.country.value_or(""))
        .bind_optional(7, check.location.build)
        .bind_optional(8, check.location.second_country.value_or(""))
        .bind_optional(9, check.location.second_build)
        .bind(10, static_cast<std::int64_t>(check.latency.count()))
        .bind(11, to_string(check.verdict.status))
        .bind_optional(12, check.verdict.reason)
        .bind(13, check.checked_at)
        .bind(14, check.reused ? 1 : 0)
        .run();
    insert.reset();
  }
  transaction.commit();
}

std::vector<proxy_check> store::recent_proxy_checks(std::string_view not_before) {
  // Each proxy's newest check since then, when it was ok: a newer failed check is a reason to
  // check again, not to fall back on an older success.
  auto query = db_->prepare(R"sql(
SELECT proxy, url, declared_country, coalesce(exit_ip, ''), exit_country, coalesce(geoip, ''),
  second_country, coalesce(second_geoip, ''), latency_ms, checked_at
FROM proxy_checks
WHERE id IN (SELECT max(id) FROM proxy_checks WHERE checked_at >= ?1 GROUP BY proxy)
  AND status = 'ok'
ORDER BY proxy
)sql");
  query.bind(1, not_before);
  std::vector<proxy_check> checks;
  while (query.step()) {
    auto& check = checks.emplace_back();
    check.name = query.column_text(0);
    check.url = query.column_text(1);
    check.declared_country = query.column_text(2);
    check.exit_ip = query.column_text(3);
    if (!query.column_is_null(4)) check.location.country = query.column_text(4);
    check.location.build = query.column_text(5);
    check.location.has_second = !query.column_text(7).empty();
    if (!query.column_is_null(6)) check.location.second_country = query.column_text(6);
    check.location.second_build = query.column_text(7);
    check.latency = std::chrono::milliseconds(query.column_int(8));
    check.verdict.status = proxy_status::ok;
    check.checked_at = query.column_text(9);
    check.reused = true;
  }
  return checks;
}

void store::insert_analysis(std::int64_t view_id, const page_analysis& analysis) {
  const auto& page = analysis.page;
  const bool checkout = std::any_of(page.forms.begin(), page.forms.end(),
                                    [](const form_summary& f) { return f.checkout; });
  auto& update = db_->cached(R"sql(
UPDATE views SET analysed = 1, title = ?, lang = ?, charset = ?, charset_source = ?, no_rx = ?,
  meta_refresh_url = ?, meta_refresh_delay = ?, canonical = ?, link_count = ?, checkout_form = ?,
  analysis_truncated = ?
WHERE id = ?
)sql");
  update.bind(1, page.title)
      .bind_optional(2, page.lang)
      .bind(3, analysis.charset)
      .bind(4, analysis.charset_source)
      .bind(5, analysis.found.no_rx ? 1 : 0);
  if (page.refresh) {
    update.bind_optional(6, page.refresh->url).bind_real(7, page.refresh->delay_seconds);
  }
  update.bind_optional(8, page.canonical)
      .bind(9, static_cast<std::int64_t>(page.link_count))
      .bind(10, checkout ? 1 : 0)
      .bind(11, page.truncated ? 1 : 0)
      .bind(12, view_id)
      .run();

  auto& drug = db_->cached(
      "INSERT INTO view_drugs (view_id, drug, term, category, count) VALUES (?, ?, ?, ?, ?)");
  for (const auto& hit : analysis.found.drugs) {
    drug.bind(1, view_id)
        .bind(2, hit.drug)
        .bind(3, hit.term)
        .bind(4, hit.category)
        .bind(5, hit.count)
        .run();
    drug.reset();
  }
  auto& phrase =
      db_->cached("INSERT OR IGNORE INTO view_phrases (view_id, kind, value) VALUES (?, ?, ?)");
  const auto insert_phrases = [&](std::string_view kind, const std::vector<std::string>& values) {
    for (const auto& value : values) {
      phrase.bind(1, view_id).bind(2, kind).bind(3, value).run();
      phrase.reset();
    }
  };
  insert_phrases("no_rx", analysis.found.no_rx_phrases);
  insert_phrases("signal", analysis.found.signals);
  insert_phrases("external_host", page.external_hosts);
  auto& script = db_->cached(
      "INSERT INTO view_script_redirects (view_id, position, pattern, target) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < page.script_redirects.size(); ++i) {
    script.bind(1, view_id)
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, page.script_redirects[i].pattern)
        .bind_optional(4, page.script_redirects[i].target)
        .run();
    script.reset();
  }
}

}  // namespace geocrawl
