#include "crawler/store/export_reader.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"

namespace geocrawl {

namespace {

std::unique_ptr<sqlite_db> open_migrated(const std::filesystem::path& file) {
  { store migrated(file); }
  return std::make_unique<sqlite_db>(file);
}

// A filter's values as a JSON array for json_each, so they reach SQL only as one bound
// parameter; "" (bound as NULL) when there is no filter.
std::string json_list(const std::vector<std::string>& values) {
  return values.empty() ? std::string() : boost::json::serialize(boost::json::value_from(values));
}

// ?1 the run id, ?2 the verdicts and ?3 the vantages as JSON arrays or NULL.
void bind_run_and_filter(sqlite_statement& rows, std::int64_t run_id, const export_filter& filter) {
  rows.bind(1, run_id)
      .bind_optional(2, json_list(filter.verdicts))
      .bind_optional(3, json_list(filter.vantages));
}

// The distinct drugs and no-prescription phrases found in a view, sorted and joined with
// "; ". Looked up by primary key per row rather than with group_concat, whose order SQLite
// does not promise before 3.44.
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
  static std::string joined(sqlite_statement& query, std::int64_t view_id) {
    query.reset();
    query.bind(1, view_id);
    std::string list;
    while (query.step()) {
      if (!list.empty()) list += "; ";
      list += query.column_text(0);
    }
    return list;
  }

  sqlite_statement drugs_;
  sqlite_statement no_rx_;
};

// Sites by URL, each site's comparisons in the order they were made: the order of the
// (run_id, url) index, so SQLite streams rows as it finds them instead of sorting them all
// first.
constexpr std::string_view comparison_query = R"sql(
SELECT s.run_id, s.url, c.vantage, c.baseline, c.verdict, s.verdict, c.score, c.reasons,
  b.status, v.status, b.final_url, v.final_url, b.title, v.title, b.id, v.id,
  v.exit_country, b.error_code, v.error_code, s.labels, v.fetched_at
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
  v.error_code, v.error_message, v.body_sha256, v.total_ms, s.labels, v.fetched_at
FROM sites s
JOIN views v ON v.site_id = s.id
WHERE s.run_id = ?1
  AND (?2 IS NULL OR s.verdict IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR v.vantage IN (SELECT value FROM json_each(?3)))
ORDER BY s.url, v.id
)sql";

}  // namespace

export_reader::export_reader(const std::filesystem::path& file) : db_(open_migrated(file)) {}

export_reader::~export_reader() = default;

bool export_reader::has_run(std::int64_t run_id) {
  auto query = db_->prepare("SELECT id FROM runs WHERE id = ?");
  query.bind(1, run_id);
  return query.step();
}

std::optional<std::int64_t> export_reader::latest_run() {
  auto query = db_->prepare("SELECT id FROM runs ORDER BY command = 'crawl' DESC, id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  return query.column_int(0);
}

std::vector<std::string> export_reader::vantages(std::int64_t run_id) {
  auto query = db_->prepare(
      "SELECT DISTINCT views.vantage FROM views JOIN sites ON sites.id = views.site_id "
      "WHERE sites.run_id = ? ORDER BY views.vantage");
  query.bind(1, run_id);
  std::vector<std::string> names;
  while (query.step()) names.push_back(query.column_text(0));
  return names;
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
    row.score = rows.column_real(6);
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
    on_row(row);
  }
}

void export_reader::views(std::int64_t run_id, const export_filter& filter,
                          const std::function<void(const view_row&)>& on_row) {
  auto rows = db_->prepare(view_query);
  bind_run_and_filter(rows, run_id, filter);
  view_terms terms(*db_);
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
    row.truncated = rows.column_int(12);
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
    on_row(row);
  }
}

}  // namespace geocrawl
