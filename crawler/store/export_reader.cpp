#include "crawler/store/export_reader.hpp"

#include <algorithm>
#include <set>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crawler/store/analysis_summary.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store_reading.hpp"
#include "crawler/view/relay_words.hpp"

namespace geocrawl {

namespace {

// ?1 the run id, ?2 the verdicts and ?3 the vantages as JSON arrays or NULL.
void bind_run_and_filter(sqlite_statement& rows, std::int64_t run_id, const export_filter& filter) {
  rows.bind(1, run_id)
      .bind_optional(2, json_list(filter.verdicts))
      .bind_optional(3, json_list(filter.vantages));
}

std::optional<double> real_or_none(const sqlite_statement& rows, int column) {
  if (rows.column_is_null(column)) return std::nullopt;
  return rows.column_real(column);
}

// The first column of every row `query` gives for `id`, joined with "; ". Lists are read per
// row rather than with group_concat, whose order SQLite does not promise before 3.44.
std::string joined(sqlite_statement& query, std::int64_t id) {
  // Reset first: SQLite refuses a bind on a statement that has run, even to its end.
  query.reset();
  query.bind(1, id);
  std::string list;
  while (query.step()) {
    if (!list.empty()) list += "; ";
    list += query.column_text(0);
  }
  return list;
}

// The distinct drugs and no-prescription phrases found in a view, sorted and joined with
// "; ", looked up by primary key.
class view_terms {
 public:
  explicit view_terms(sqlite_db& db)
      : drugs_(db.prepare("SELECT DISTINCT drug FROM view_drugs WHERE view_id = ? ORDER BY drug")),
        no_rx_(db.prepare(
            "SELECT value FROM view_phrases WHERE view_id = ? AND kind = 'no_rx' ORDER BY value")) {
  }

  std::string drugs(std::int64_t view_id) { return joined(drugs_, view_id); }
  std::string no_rx(std::int64_t view_id) { return joined(no_rx_, view_id); }

 private:
  sqlite_statement drugs_;
  sqlite_statement no_rx_;
};

// "a; b": distinct, sorted (a set's order).
std::string joined(const std::set<std::string>& items) {
  std::string list;
  for (const auto& item : items) list += (list.empty() ? "" : "; ") + item;
  return list;
}

// The rendered columns of a view row: the analysis is one stored JSON object
// (analysis_summary.hpp), the requests are counted by their outcome words.
void read_rendered_cells(const sqlite_statement& rows, sqlite_statement& outcomes,
                         std::int64_t view_id, view_row& row) {
  row.rendered = rows.column_int(28) != 0;
  row.rendered_final_url = rows.column_text(29);
  row.rendered_title = rows.column_text(30);
  std::optional<page_analysis> analysis;
  if (!rows.column_is_null(31)) analysis = analysis_from_summary(rows.column_text(31));
  std::set<std::string> drugs;
  std::set<std::string> no_rx;
  if (analysis) {
    for (const auto& hit : analysis->found.drugs) drugs.insert(hit.drug);
    no_rx.insert(analysis->found.no_rx_phrases.begin(), analysis->found.no_rx_phrases.end());
  }
  row.rendered_drugs = joined(drugs);
  row.rendered_no_rx = joined(no_rx);
  row.rendered_error_code = rows.column_text(32);
  row.rendered_requests = 0;
  row.rendered_blocked = 0;
  if (!row.rendered) return;
  outcomes.reset();
  outcomes.bind(1, view_id);
  while (outcomes.step()) {
    ++row.rendered_requests;
    const auto outcome = parse_relay_outcome(outcomes.column_text(0));
    if (outcome && is_blocked(*outcome)) ++row.rendered_blocked;
  }
}

// Sites by URL, each site's comparisons in the order they were made: the order of the
// (run_id, url) index, so SQLite streams rows as it finds them instead of sorting them all
// first.
constexpr std::string_view comparison_query = R"sql(
SELECT s.run_id, s.url, c.vantage, c.baseline, c.verdict, s.verdict, c.score, c.reasons,
  b.status, v.status, b.final_url, v.final_url, b.title, v.title, b.id, v.id,
  v.exit_country, b.error_code, v.error_code, s.labels, v.fetched_at, v.exit_check_age_s,
  b.exit_changed OR v.exit_changed
FROM sites s
JOIN comparisons c ON c.site_id = s.id
JOIN views b ON b.id = c.baseline_view_id
JOIN views v ON v.id = c.vantage_view_id
WHERE s.run_id = ?1
  AND (?2 IS NULL OR c.verdict IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR c.vantage IN (SELECT value FROM json_each(?3)))
ORDER BY s.url, c.id
)sql";

// In the order of comparison_query. A hop whose `next` is set led to another hop: those are
// the redirects followed.
constexpr std::string_view view_query = R"sql(
SELECT s.run_id, s.url, s.verdict, v.vantage, v.proxy, v.exit_ip, v.exit_country,
  v.requested_url, v.final_url, v.status, v.content_type, v.bytes, v.truncated,
  v.truncated_reason, v.title, v.lang, v.charset, v.id,
  (SELECT count(*) FROM view_redirects r WHERE r.view_id = v.id AND r.next IS NOT NULL),
  v.error_code, v.error_message, v.body_sha256, v.total_ms, s.labels, v.fetched_at,
  coalesce(v.exit_checked_at, ''), v.exit_check_age_s, v.exit_changed,
  r.view_id IS NOT NULL, coalesce(r.final_url, ''), coalesce(r.title, ''), r.analysis,
  coalesce(r.error_code, '')
FROM sites s
JOIN views v ON v.site_id = s.id
LEFT JOIN rendered_views r ON r.view_id = v.id
WHERE s.run_id = ?1
  AND (?2 IS NULL OR s.verdict IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR v.vantage IN (SELECT value FROM json_each(?3)))
ORDER BY s.url, v.id
)sql";

// The run's vantages in the order their first views were stored, so the baseline, stored
// first, comes first. ?1 the run, ?2 the vantages wanted as a JSON array or NULL.
constexpr std::string_view site_vantages_query = R"sql(
SELECT v.vantage FROM sites s JOIN views v ON v.site_id = s.id
WHERE s.run_id = ?1 AND (?2 IS NULL OR v.vantage IN (SELECT value FROM json_each(?2)))
GROUP BY v.vantage ORDER BY min(v.id)
)sql";

// The names of the sites file's extra columns, as the crawl stored them (a JSON object per
// site), roughly in the order they were first seen.
constexpr std::string_view site_labels_query = R"sql(
SELECT j.key FROM sites s, json_each(s.labels) j
WHERE s.run_id = ? AND s.labels IS NOT NULL
GROUP BY j.key ORDER BY min(s.id), min(j.id)
)sql";

// Finished sites in the order of the (run_id, url) index, so rows stream. ?1 the run, ?2 the
// site verdicts and ?3 the vantages as JSON arrays or NULL.
constexpr std::string_view site_query = R"sql(
SELECT s.id, s.run_id, s.url, coalesce(s.fallback_url, ''), coalesce(s.verdict, ''),
  (SELECT max(c.score) FROM comparisons c WHERE c.site_id = s.id), coalesce(s.labels, ''),
  (SELECT m.network_id FROM network_members m WHERE m.run_id = s.run_id AND m.site_id = s.id)
FROM sites s
WHERE s.run_id = ?1 AND s.finished_at IS NOT NULL
  AND (?2 IS NULL OR s.verdict IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM views v WHERE v.site_id = s.id
                             AND v.vantage IN (SELECT value FROM json_each(?3))))
ORDER BY s.url
)sql";

constexpr std::string_view site_views_query = R"sql(
SELECT id, vantage, requested_url, coalesce(final_url, ''), coalesce(title, ''), analysed, no_rx,
  coalesce(error_code, '')
FROM views WHERE site_id = ? ORDER BY id
)sql";

// A site's label values in the order of `names`; "" for a label the site does not have.
std::vector<std::string> label_values(const std::string& labels_json,
                                      const std::vector<std::string>& names) {
  std::vector<std::string> values(names.size());
  if (labels_json.empty()) return values;
  const auto labels = boost::json::parse(labels_json);
  const auto* object = labels.if_object();
  if (object == nullptr) return values;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto* value = object->if_contains(names[i]);
    if (value == nullptr) continue;
    values[i] =
        value->is_string() ? std::string(value->get_string()) : boost::json::serialize(*value);
  }
  return values;
}

}  // namespace

export_reader::export_reader(const std::filesystem::path& file) : db_(open_migrated(file)) {}

export_reader::~export_reader() = default;

run_lookup export_reader::look_up(std::int64_t run_id) { return look_up_run(*db_, run_id); }

std::optional<std::int64_t> export_reader::latest_run() { return latest_run_id(*db_); }

std::vector<std::string> export_reader::vantages(std::int64_t run_id) {
  return run_vantages(*db_, run_id);
}

void export_reader::comparisons(std::int64_t run_id, const export_filter& filter,
                                const std::function<void(const comparison_row&)>& on_row) {
  auto rows = db_->prepare(comparison_query);
  bind_run_and_filter(rows, run_id, filter);
  view_terms terms(*db_);
  comparison_row row;
  while (rows.step()) {
    const auto baseline_view = rows.column_int(14);
    const auto vantage_view = rows.column_int(15);
    row.run_id = rows.column_int(0);
    row.url = rows.column_text(1);
    row.vantage = rows.column_text(2);
    row.baseline = rows.column_text(3);
    row.verdict = rows.column_text(4);
    row.site_verdict = rows.column_text(5);
    row.score = real_or_none(rows, 6);
    row.reasons = rows.column_text(7);
    row.status_baseline = rows.column_int(8);
    row.status_vantage = rows.column_int(9);
    row.final_url_baseline = rows.column_text(10);
    row.final_url_vantage = rows.column_text(11);
    row.title_baseline = rows.column_text(12);
    row.title_vantage = rows.column_text(13);
    row.drugs_baseline = terms.drugs(baseline_view);
    row.drugs_vantage = terms.drugs(vantage_view);
    row.no_rx_baseline = terms.no_rx(baseline_view);
    row.no_rx_vantage = terms.no_rx(vantage_view);
    row.exit_country_vantage = rows.column_text(16);
    row.error_baseline = rows.column_text(17);
    row.error_vantage = rows.column_text(18);
    row.labels = rows.column_text(19);
    row.fetched_at = rows.column_text(20);
    row.exit_check_age_s_vantage = real_or_none(rows, 21);
    row.exit_changed = rows.column_int(22) != 0;
    on_row(row);
  }
}

void export_reader::views(std::int64_t run_id, const export_filter& filter,
                          const std::function<void(const view_row&)>& on_row) {
  auto rows = db_->prepare(view_query);
  bind_run_and_filter(rows, run_id, filter);
  view_terms terms(*db_);
  auto outcomes = db_->prepare("SELECT outcome FROM rendered_requests WHERE view_id = ?");
  view_row row;
  while (rows.step()) {
    row.run_id = rows.column_int(0);
    row.url = rows.column_text(1);
    row.site_verdict = rows.column_text(2);
    row.vantage = rows.column_text(3);
    row.proxy = rows.column_text(4);
    row.exit_ip = rows.column_text(5);
    row.exit_country = rows.column_text(6);
    row.requested_url = rows.column_text(7);
    row.final_url = rows.column_text(8);
    row.status = rows.column_int(9);
    row.content_type = rows.column_text(10);
    row.bytes = rows.column_int(11);
    row.truncated = rows.column_int(12) != 0;
    row.truncated_reason = rows.column_text(13);
    row.title = rows.column_text(14);
    row.lang = rows.column_text(15);
    row.charset = rows.column_text(16);
    row.drugs = terms.drugs(rows.column_int(17));
    row.no_rx = terms.no_rx(rows.column_int(17));
    row.redirects = rows.column_int(18);
    row.error_code = rows.column_text(19);
    row.error_message = rows.column_text(20);
    row.body_sha256 = rows.column_text(21);
    row.total_ms = rows.column_int(22);
    row.labels = rows.column_text(23);
    row.fetched_at = rows.column_text(24);
    row.exit_checked_at = rows.column_text(25);
    row.exit_check_age_s = real_or_none(rows, 26);
    row.exit_changed = rows.column_int(27) != 0;
    read_rendered_cells(rows, outcomes, rows.column_int(17), row);
    on_row(row);
  }
}

site_columns export_reader::sites_columns(std::int64_t run_id, const export_filter& filter) {
  site_columns columns;
  auto vantages = db_->prepare(site_vantages_query);
  vantages.bind(1, run_id).bind_optional(2, json_list(filter.vantages));
  while (vantages.step()) columns.vantages.push_back(vantages.column_text(0));
  auto labels = db_->prepare(site_labels_query);
  labels.bind(1, run_id);
  while (labels.step()) columns.labels.push_back(labels.column_text(0));
  return columns;
}

void export_reader::sites(std::int64_t run_id, const export_filter& filter,
                          const site_columns& columns,
                          const std::function<void(const site_row&)>& on_row) {
  auto rows = db_->prepare(site_query);
  bind_run_and_filter(rows, run_id, filter);
  auto views = db_->prepare(site_views_query);
  auto drugs = db_->prepare(R"sql(
SELECT DISTINCT d.drug FROM views v JOIN view_drugs d ON d.view_id = v.id
WHERE v.site_id = ? ORDER BY d.drug
)sql");
  auto drug_countries = db_->prepare(R"sql(
SELECT DISTINCT v.exit_country FROM views v
WHERE v.site_id = ? AND coalesce(v.exit_country, '') != ''
  AND EXISTS (SELECT 1 FROM view_drugs d WHERE d.view_id = v.id)
ORDER BY v.exit_country
)sql");
  view_terms terms(*db_);
  site_row row;
  while (rows.step()) {
    const auto site_id = rows.column_int(0);
    const auto fallback_url = rows.column_text(3);
    row.run_id = rows.column_int(1);
    row.url = rows.column_text(2);
    row.verdict = rows.column_text(4);
    row.score = real_or_none(rows, 5);
    row.drugs = joined(drugs, site_id);
    row.drug_countries = joined(drug_countries, site_id);
    row.vantages.assign(columns.vantages.size(), {});
    views.reset();
    views.bind(1, site_id);
    while (views.step()) {
      if (!fallback_url.empty() && views.column_text(2) == fallback_url) row.url = fallback_url;
      const auto wanted =
          std::find(columns.vantages.begin(), columns.vantages.end(), views.column_text(1));
      if (wanted == columns.vantages.end()) continue;
      auto& cells = row.vantages[static_cast<std::size_t>(wanted - columns.vantages.begin())];
      const auto view_id = views.column_int(0);
      cells.final_url = views.column_text(3);
      cells.title = views.column_text(4);
      cells.no_rx =
          views.column_int(5) != 0 ? std::optional(views.column_int(6) != 0) : std::nullopt;
      cells.no_rx_phrases = terms.no_rx(view_id);
      cells.error_code = views.column_text(7);
    }
    row.labels = label_values(rows.column_text(6), columns.labels);
    row.network_id = rows.column_is_null(7) ? std::nullopt : std::optional(rows.column_int(7));
    on_row(row);
  }
}

void export_reader::site_histories(const history_request& request,
                                   const std::function<void(const site_history&)>& on_site) {
  read_site_histories(*db_, request, on_site);
}

network_history export_reader::networks_since(std::int64_t run_id,
                                              std::optional<std::int64_t> since) {
  network_history history;
  history.previous_run_id = since;
  if (!since) {
    auto query = db_->prepare("SELECT max(run_id) FROM network_numberings WHERE run_id < ?");
    query.bind(1, run_id);
    if (query.step() && !query.column_is_null(0)) history.previous_run_id = query.column_int(0);
  }
  auto& numbered = db_->cached("SELECT count(*) FROM network_numberings WHERE run_id = ?");
  const auto was_numbered = [&](std::int64_t run) {
    numbered.bind(1, run);
    const bool found = numbered.step() && numbered.column_int(0) > 0;
    numbered.reset();
    return found;
  };
  if (!was_numbered(run_id)) {
    history.unnumbered_run = run_id;
  } else if (since && !was_numbered(*since)) {
    history.unnumbered_run = since;
  }
  auto any = db_->prepare("SELECT count(*) FROM network_numberings");
  history.any_numbered = any.step() && any.column_int(0) > 0;
  if (history.previous_run_id) history.before = network_members_of(*db_, *history.previous_run_id);
  history.now = network_members_of(*db_, run_id);
  return history;
}

registrar_cells export_reader::registrar_of(std::string_view domain) {
  auto& query = db_->cached(R"sql(
SELECT registrar, registrar_iana_id, abuse_email FROM rdap_lookups
WHERE domain = ? AND outcome = 'found' ORDER BY looked_up_at DESC LIMIT 1
)sql");
  query.bind(1, domain);
  registrar_cells cells;
  if (query.step()) {
    cells.registrar = query.column_text(0);
    cells.registrar_iana_id = query.column_text(1);
    cells.abuse_email = query.column_text(2);
  }
  return cells;
}

}  // namespace geocrawl
