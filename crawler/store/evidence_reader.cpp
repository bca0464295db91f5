#include "crawler/store/evidence_reader.hpp"

#include <chrono>
#include <cmath>
#include <utility>

#include <zstd.h>

#include "crawler/store/analysis_summary.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store_reading.hpp"
#include "crawler/view/relay_words.hpp"
#include "crawler/view/sha256.hpp"
#include "crawler/view/timestamp.hpp"

namespace geocrawl {

namespace {

// A stored error word that none of the reader's categories has: a database written by a newer
// geocrawl. Not a coded_category, so the word is never mistaken for one this build defines.
class stored_word_category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "geocrawl.stored"; }
  std::string message(int) const override { return "an error code this geocrawl does not know"; }
};

const boost::system::error_category& stored_word_category_instance() {
  static const stored_word_category category;
  return category;
}

// ?1 the run, ?2 the verdicts and ?3 the URLs as JSON arrays or NULL, ?4 1 to include pending
// sites. In the order of the (run_id, url) index, so rows stream.
constexpr std::string_view site_query = R"sql(
SELECT s.id, s.run_id, s.url, coalesce(s.fallback_url, ''), coalesce(s.finished_at, ''),
  coalesce(s.verdict, ''), (SELECT max(c.score) FROM comparisons c WHERE c.site_id = s.id)
FROM sites s
WHERE s.run_id = ?1
  AND (?2 IS NULL OR s.verdict IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR s.url IN (SELECT value FROM json_each(?3))
       OR s.fallback_url IN (SELECT value FROM json_each(?3)))
  AND (?4 OR s.finished_at IS NOT NULL)
ORDER BY s.url
)sql";

// Every column store::insert_view and store::insert_analysis write, in the order read below.
constexpr std::string_view view_query = R"sql(
SELECT vantage, coalesce(proxy, ''), coalesce(exit_ip, ''), coalesce(exit_country, ''),
  coalesce(exit_geoip, ''), requested_url, coalesce(final_url, ''), coalesce(peer_address, ''),
  status, coalesce(content_type, ''), coalesce(content_encoding, ''), bytes, wire_bytes, truncated,
  coalesce(truncated_reason, ''), coalesce(body_sha256, ''), tls_version, coalesce(tls_cipher, ''),
  coalesce(tls_subject, ''), coalesce(tls_issuer, ''), coalesce(tls_not_before, ''),
  coalesce(tls_not_after, ''), coalesce(tls_fingerprint, ''), coalesce(tls_verified, 0),
  coalesce(tls_verify_error, ''), dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms,
  coalesce(error_code, ''), coalesce(error_message, ''), fetched_at, analysed,
  coalesce(title, ''), coalesce(lang, ''), coalesce(charset, ''), coalesce(charset_source, ''),
  coalesce(no_rx, 0), coalesce(meta_refresh_url, ''), meta_refresh_delay, coalesce(canonical, ''),
  coalesce(link_count, 0), coalesce(checkout_form, 0), coalesce(analysis_truncated, 0),
  coalesce(exit_unverified, ''), coalesce(exit_checked_at, ''), exit_check_age_s, exit_check_id,
  exit_changed, coalesce(warc_file, ''), coalesce(warc_offset, 0), coalesce(tls_names, '[]'),
  coalesce(tls_name_count, 0)
FROM views WHERE id = ?
)sql";

site_summary read_site(const sqlite_statement& rows) {
  site_summary site;
  site.id = rows.column_int(0);
  site.run_id = rows.column_int(1);
  site.url = rows.column_text(2);
  site.fallback_url = rows.column_text(3);
  site.finished_at = rows.column_text(4);
  site.verdict = parse_cloaking_verdict(rows.column_text(5));
  if (!rows.column_is_null(6)) site.score = rows.column_real(6);
  return site;
}

// The lists store::insert_analysis writes beside the view's row, in the order page_analysis
// keeps them (sorted, which is the tables' primary-key order too).
void read_analysis_lists(sqlite_db& db, std::int64_t view_id, page_analysis& analysis) {
  auto drugs = db.prepare(
      "SELECT term, drug, category, count FROM view_drugs WHERE view_id = ? ORDER BY drug, term");
  drugs.bind(1, view_id);
  while (drugs.step()) {
    analysis.found.drugs.push_back({drugs.column_text(0), drugs.column_text(1),
                                    drugs.column_text(2), static_cast<int>(drugs.column_int(3))});
  }
  const auto phrases = [&](std::string_view kind) {
    auto rows =
        db.prepare("SELECT value FROM view_phrases WHERE view_id = ? AND kind = ? ORDER BY value");
    rows.bind(1, view_id).bind(2, kind);
    std::vector<std::string> values;
    while (rows.step()) values.push_back(rows.column_text(0));
    return values;
  };
  analysis.found.no_rx_phrases = phrases("no_rx");
  analysis.found.signals = phrases("signal");
  analysis.page.external_hosts = phrases("external_host");
  auto scripts = db.prepare(
      "SELECT pattern, coalesce(target, '') FROM view_script_redirects WHERE view_id = ? "
      "ORDER BY position");
  scripts.bind(1, view_id);
  while (scripts.step()) {
    script_redirect hint;
    hint.pattern = scripts.column_text(0);
    hint.target = scripts.column_text(1);
    analysis.page.script_redirects.push_back(std::move(hint));
  }
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  lines.push_back(text.substr(start));
  return lines;
}

std::string decompressed(const std::string& sha256, const std::string& compression,
                         const std::string& data, std::int64_t size) {
  if (compression == "none") return data;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  const auto written = ZSTD_decompress(bytes.data(), bytes.size(), data.data(), data.size());
  if (ZSTD_isError(written) || written != bytes.size()) {
    throw evidence_error("the stored body " + sha256 + " does not decompress to its " +
                         std::to_string(size) + " bytes");
  }
  return bytes;
}

}  // namespace

evidence_reader::evidence_reader(const std::filesystem::path& file,
                                 std::vector<const coded_category*> error_categories)
    : db_(open_migrated(file)), error_categories_(std::move(error_categories)) {}

evidence_reader::~evidence_reader() = default;

run_lookup evidence_reader::look_up(std::int64_t run_id) { return look_up_run(*db_, run_id); }

std::optional<std::int64_t> evidence_reader::latest_run() { return latest_run_id(*db_); }

std::vector<std::int64_t> evidence_reader::runs() { return run_ids(*db_); }

std::vector<std::string> evidence_reader::vantages(std::int64_t run_id) {
  return run_vantages(*db_, run_id);
}

void evidence_reader::sites(std::int64_t run_id, const site_filter& filter,
                            const std::function<void(const site_summary&)>& on_site) {
  std::vector<std::string> verdicts;
  for (const auto verdict : filter.verdicts) verdicts.emplace_back(to_string(verdict));
  auto rows = db_->prepare(site_query);
  rows.bind(1, run_id)
      .bind_optional(2, json_list(verdicts))
      .bind_optional(3, json_list(filter.urls))
      .bind(4, filter.pending == pending_sites::include ? 1 : 0);
  while (rows.step()) on_site(read_site(rows));
}

site_evidence evidence_reader::load_site(std::int64_t site_id, body_loading bodies) {
  site_evidence evidence;
  {
    auto site = db_->prepare(R"sql(
SELECT s.id, s.run_id, s.url, coalesce(s.fallback_url, ''), coalesce(s.finished_at, ''),
  coalesce(s.verdict, ''), (SELECT max(c.score) FROM comparisons c WHERE c.site_id = s.id)
FROM sites s WHERE s.id = ?
)sql");
    site.bind(1, site_id);
    if (!site.step()) throw std::out_of_range("no site " + std::to_string(site_id));
    evidence.site = read_site(site);
  }
  auto ids = db_->prepare("SELECT id, bytes FROM views WHERE site_id = ? ORDER BY id");
  ids.bind(1, site_id);
  while (ids.step()) evidence.stored.push_back({ids.column_int(0), ids.column_int(1)});
  for (auto& info : evidence.stored) {
    auto record = read_view(info.id);
    record.rendered = read_rendered(info.id, info);
    record.favicon = read_favicon(info.id);
    if (bodies == body_loading::load) {
      if (!record.sha256.empty()) record.body = body(record.sha256);
      if (record.rendered) {
        auto& rendered = *record.rendered;
        if (!rendered.dom_sha256.empty()) rendered.dom = body(rendered.dom_sha256);
        if (!info.screenshot_sha256.empty()) rendered.screenshot_png = body(info.screenshot_sha256);
      }
    }
    evidence.views.push_back(std::move(record));
  }

  evidence.verdict.verdict = evidence.site.verdict;
  auto comparisons = db_->prepare(
      "SELECT vantage, baseline, verdict, score, reasons FROM comparisons WHERE site_id = ? "
      "ORDER BY id");
  comparisons.bind(1, site_id);
  while (comparisons.step()) {
    comparison pair;
    pair.vantage = comparisons.column_text(0);
    pair.baseline = comparisons.column_text(1);
    // The schema's CHECK admits only the four words.
    pair.verdict =
        parse_cloaking_verdict(comparisons.column_text(2)).value_or(cloaking_verdict::inconclusive);
    if (!comparisons.column_is_null(3)) pair.score = comparisons.column_real(3);
    pair.reasons = split_lines(comparisons.column_text(4));
    evidence.verdict.comparisons.push_back(std::move(pair));
  }
  return evidence;
}

run_times evidence_reader::times_of(std::int64_t run_id) {
  auto& query = db_->cached("SELECT started_at, coalesce(finished_at, '') FROM runs WHERE id = ?");
  query.bind(1, run_id);
  if (!query.step()) {
    query.reset();
    throw std::out_of_range("no run " + std::to_string(run_id));
  }
  run_times times{query.column_text(0), query.column_text(1)};
  query.reset();
  return times;
}

std::optional<registrar_record> evidence_reader::newest_registrar(std::string_view domain) {
  return newest_registrar_lookup(*db_, domain, "");
}

std::string evidence_reader::body(const std::string& sha256) {
  auto stored = db_->prepare("SELECT size, compression, data FROM bodies WHERE sha256 = ?");
  stored.bind(1, sha256);
  if (!stored.step()) throw evidence_error("the body " + sha256 + " is not in the database");
  auto bytes =
      decompressed(sha256, stored.column_text(1), stored.column_blob(2), stored.column_int(0));
  if (sha256_hex(bytes) != sha256) {
    throw evidence_error("the stored body " + sha256 + " has another SHA-256: it was altered");
  }
  return bytes;
}

view evidence_reader::read_view(std::int64_t view_id) {
  auto row = db_->prepare(view_query);
  row.bind(1, view_id);
  if (!row.step()) throw std::out_of_range("no view " + std::to_string(view_id));
  view record;
  record.vantage = row.column_text(0);
  record.proxy = row.column_text(1);
  record.exit_ip = row.column_text(2);
  record.exit_country = row.column_text(3);
  record.exit_geoip = row.column_text(4);
  record.exit_unverified = row.column_text(45);
  record.exit_checked_at = row.column_text(46);
  if (!row.column_is_null(47))
    record.exit_check_age = std::chrono::milliseconds(std::llround(row.column_real(47) * 1000.0));
  if (!row.column_is_null(48)) record.exit_check_id = row.column_int(48);
  record.exit_changed = row.column_int(49) != 0;
  record.warc_file = row.column_text(50);
  record.warc_offset = static_cast<std::uint64_t>(row.column_int(51));
  record.requested_url = row.column_text(5);
  record.final_url = row.column_text(6);
  record.peer_address = row.column_text(7);
  record.status = static_cast<int>(row.column_int(8));
  record.content_type = row.column_text(9);
  record.content_encoding = row.column_text(10);
  record.wire_bytes = static_cast<std::uint64_t>(row.column_int(12));
  record.truncated = row.column_int(13) != 0;
  record.truncated_reason = row.column_text(14);
  record.sha256 = row.column_text(15);
  if (!row.column_is_null(16)) {
    auto& tls = record.tls.emplace();
    tls.version = row.column_text(16);
    tls.cipher = row.column_text(17);
    tls.subject = row.column_text(18);
    tls.issuer = row.column_text(19);
    tls.not_before = row.column_text(20);
    tls.not_after = row.column_text(21);
    tls.sha256_fingerprint = row.column_text(22);
    tls.verified = row.column_int(23) != 0;
    tls.verify_error = row.column_text(24);
    tls.dns_names = from_json_array(row.column_text(52));
    tls.dns_name_count = static_cast<std::size_t>(row.column_int(53));
  }
  using std::chrono::milliseconds;
  record.timings = {milliseconds(row.column_int(25)), milliseconds(row.column_int(26)),
                    milliseconds(row.column_int(27)), milliseconds(row.column_int(28)),
                    milliseconds(row.column_int(29))};
  record.error = error_of(row.column_text(30), row.column_text(31));
  record.fetched_at = row.column_text(32);
  if (row.column_int(33) != 0) {
    auto& analysis = record.analysis.emplace();
    auto& page = analysis.page;
    page.title = row.column_text(34);
    page.lang = row.column_text(35);
    analysis.charset = row.column_text(36);
    analysis.charset_source = row.column_text(37);
    analysis.found.no_rx = row.column_int(38) != 0;
    if (!row.column_is_null(40))
      page.refresh = meta_refresh{row.column_real(40), row.column_text(39)};
    page.canonical = row.column_text(41);
    page.link_count = static_cast<std::size_t>(row.column_int(42));
    // Only whether there was a checkout form is stored (see the header).
    if (row.column_int(43) != 0) page.forms.push_back(form_summary{.checkout = true});
    page.truncated = row.column_int(44) != 0;
    read_analysis_lists(*db_, view_id, analysis);
  }

  auto redirects = db_->prepare(
      "SELECT url, status, coalesce(next, '') FROM view_redirects WHERE view_id = ? "
      "ORDER BY position");
  redirects.bind(1, view_id);
  while (redirects.step()) {
    record.redirects.push_back({redirects.column_text(0), static_cast<int>(redirects.column_int(1)),
                                parse_redirect_kind(redirects.column_text(2))});
  }
  auto headers =
      db_->prepare("SELECT name, value FROM view_headers WHERE view_id = ? ORDER BY position");
  headers.bind(1, view_id);
  while (headers.step())
    record.response_headers.emplace_back(headers.column_text(0), headers.column_text(1));
  return record;
}

std::optional<favicon_fetch> evidence_reader::read_favicon(std::int64_t view_id) {
  auto& row = db_->cached(R"sql(
SELECT url, coalesce(final_url, ''), outcome, status, bytes, hash, coalesce(error_code, ''),
  coalesce(detail, ''), fetched_at
FROM view_favicons WHERE view_id = ?
)sql");
  row.bind(1, view_id);
  if (!row.step()) {
    row.reset();
    return std::nullopt;
  }
  favicon_fetch icon;
  icon.url = row.column_text(0);
  icon.final_url = row.column_text(1);
  // A word this build does not know (a newer geocrawl's) reads as a failure to hash.
  icon.outcome = favicon_outcome_from(row.column_text(2)).value_or(favicon_outcome::failed);
  icon.status = static_cast<int>(row.column_int(3));
  icon.bytes = static_cast<std::uint64_t>(row.column_int(4));
  if (!row.column_is_null(5)) icon.hash = static_cast<std::int32_t>(row.column_int(5));
  icon.error = error_of(row.column_text(6), row.column_text(7));
  if (!icon.error) icon.detail = row.column_text(7);
  icon.fetched_at = row.column_text(8);
  row.reset();
  return icon;
}

std::optional<rendered_page> evidence_reader::read_rendered(std::int64_t view_id,
                                                            stored_view_info& info) {
  auto& row = db_->cached(R"sql(
SELECT final_url, title, coalesce(dom_sha256, ''), dom_bytes, dom_truncated,
  coalesce(screenshot_sha256, ''), user_agent, accept_language, locale, time_zone, load_ms,
  total_ms, rendered_at, coalesce(error_code, ''), coalesce(error_message, ''),
  connections_refused, analysis
FROM rendered_views WHERE view_id = ?
)sql");
  row.bind(1, view_id);
  if (!row.step()) {
    row.reset();
    return std::nullopt;
  }
  rendered_page page;
  page.final_url = row.column_text(0);
  page.title = row.column_text(1);
  page.dom_sha256 = row.column_text(2);
  info.dom_bytes = row.column_int(3);
  page.dom_truncated = row.column_int(4) != 0;
  info.screenshot_sha256 = row.column_text(5);
  page.emulation = {row.column_text(6), row.column_text(7), row.column_text(8), row.column_text(9)};
  page.load_time = std::chrono::milliseconds(row.column_int(10));
  page.total = std::chrono::milliseconds(row.column_int(11));
  page.rendered_at = row.column_text(12);
  page.error = error_of(row.column_text(13), row.column_text(14));
  page.requests.connections_refused = static_cast<std::uint64_t>(row.column_int(15));
  if (!row.column_is_null(16)) page.analysis = analysis_from_summary(row.column_text(16));
  row.reset();

  auto& requests = db_->cached(R"sql(
SELECT method, http_method, target, status, bytes_up, bytes_down, outcome, coalesce(reason, ''),
  started_at, duration_ms
FROM rendered_requests WHERE view_id = ? ORDER BY position
)sql");
  requests.bind(1, view_id);
  while (requests.step()) {
    auto& made = page.requests.requests.emplace_back();
    // The schema's CHECK admits only the two method words. An outcome word this build does not
    // know (a newer geocrawl's) reads as the surprise it is to this one.
    made.method = parse_relay_method(requests.column_text(0)).value_or(relay_method::forward);
    made.http_method = requests.column_text(1);
    made.target = requests.column_text(2);
    if (!requests.column_is_null(3)) made.status = static_cast<int>(requests.column_int(3));
    made.bytes_up = static_cast<std::uint64_t>(requests.column_int(4));
    made.bytes_down = static_cast<std::uint64_t>(requests.column_int(5));
    made.outcome =
        parse_relay_outcome(requests.column_text(6)).value_or(relay_outcome::internal_error);
    made.reason = requests.column_text(7);
    made.started = parse_utc_timestamp(requests.column_text(8))
                       .value_or(std::chrono::system_clock::time_point{});
    made.duration = std::chrono::milliseconds(requests.column_int(9));
  }
  requests.reset();
  return page;
}

std::optional<view_error> evidence_reader::error_of(const std::string& word,
                                                    const std::string& message) const {
  if (word.empty()) return std::nullopt;
  for (const auto* category : error_categories_) {
    if (const auto value = category->value_of(word))
      return view_error{boost::system::error_code(*value, *category), message};
  }
  return view_error{boost::system::error_code(1, stored_word_category_instance()),
                    word + ": " + message};
}

}  // namespace geocrawl
