#include "crawler/cli/export_command.hpp"

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <span>
#include <string_view>
#include <system_error>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include "crawler/cli/csv_writer.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/cli/staged_file.hpp"
#include "crawler/store/store.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/verdict/cloaking_verdict.hpp"

namespace geocrawl {

namespace {

// How a query column becomes a CSV cell. Text is neutralised against formulas; numbers are
// ours and written as they are; drugs and no_rx columns hold a view id whose list is looked up.
enum class cell { text, integer, real, drugs, no_rx };

struct column {
  std::string_view name;
  cell kind;
};

struct export_table {
  std::string_view name;
  std::span<const column> columns;  // in the order of the query's SELECT list
  std::string_view query;           // ?1 run id, ?2 verdicts and ?3 vantages as JSON arrays or NULL
};

constexpr column comparison_columns[] = {
    {"run_id", cell::integer},          {"url", cell::text},
    {"vantage", cell::text},            {"baseline", cell::text},
    {"verdict", cell::text},            {"site_verdict", cell::text},
    {"score", cell::real},              {"reasons", cell::text},
    {"status_baseline", cell::integer}, {"status_vantage", cell::integer},
    {"final_url_baseline", cell::text}, {"final_url_vantage", cell::text},
    {"title_baseline", cell::text},     {"title_vantage", cell::text},
    {"drugs_baseline", cell::drugs},    {"drugs_vantage", cell::drugs},
    {"no_rx_baseline", cell::no_rx},    {"no_rx_vantage", cell::no_rx},
    {"exit_country_vantage", cell::text}, {"error_baseline", cell::text},
    {"error_vantage", cell::text},      {"labels", cell::text},
    {"fetched_at", cell::text},
};

// Sites by URL, each site's comparisons in the order they were made: the order of the
// (run_id, url) index, so SQLite streams rows as it finds them instead of sorting them all
// first.
constexpr std::string_view comparison_query = R"sql(
SELECT s.run_id, s.url, c.vantage, c.baseline, c.verdict, s.verdict, c.score, c.reasons,
  b.status, v.status, b.final_url, v.final_url, b.title, v.title,
  b.id, v.id, b.id, v.id,
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

constexpr column view_columns[] = {
    {"run_id", cell::integer},         {"url", cell::text},
    {"site_verdict", cell::text},      {"vantage", cell::text},
    {"proxy", cell::text},             {"exit_ip", cell::text},
    {"exit_country", cell::text},      {"requested_url", cell::text},
    {"final_url", cell::text},         {"status", cell::integer},
    {"content_type", cell::text},      {"bytes", cell::integer},
    {"truncated", cell::integer},      {"truncated_reason", cell::text},
    {"title", cell::text},             {"lang", cell::text},
    {"charset", cell::text},           {"drugs", cell::drugs},
    {"no_rx", cell::no_rx},            {"redirects", cell::integer},
    {"error_code", cell::text},        {"error_message", cell::text},
    {"body_sha256", cell::text},       {"total_ms", cell::integer},
    {"labels", cell::text},            {"fetched_at", cell::text},
};

// In the order of comparison_query. A hop whose `next` is set led to another hop: those are
// the redirects followed.
constexpr std::string_view view_query = R"sql(
SELECT s.run_id, s.url, s.verdict, v.vantage, v.proxy, v.exit_ip, v.exit_country,
  v.requested_url, v.final_url, v.status, v.content_type, v.bytes, v.truncated,
  v.truncated_reason, v.title, v.lang, v.charset, v.id, v.id,
  (SELECT count(*) FROM view_redirects r WHERE r.view_id = v.id AND r.next IS NOT NULL),
  v.error_code, v.error_message, v.body_sha256, v.total_ms, s.labels, v.fetched_at
FROM sites s
JOIN views v ON v.site_id = s.id
WHERE s.run_id = ?1
  AND (?2 IS NULL OR s.verdict IN (SELECT value FROM json_each(?2)))
  AND (?3 IS NULL OR v.vantage IN (SELECT value FROM json_each(?3)))
ORDER BY s.url, v.id
)sql";

constexpr export_table tables[] = {
    {"comparisons", comparison_columns, comparison_query},
    {"views", view_columns, view_query},
};

const export_table& chosen_table(const std::string& what) {
  for (const auto& table : tables) {
    if (table.name == what) return table;
  }
  throw usage_error("--what " + what + ": not comparisons or views");
}

void check_verdicts(const std::vector<std::string>& wanted) {
  for (const auto& verdict : wanted) {
    if (!parse_cloaking_verdict(verdict)) {
      throw usage_error("--verdict " + verdict + ": not consistent, cloaked, inconclusive or unreachable");
    }
  }
}

// nullopt for "latest".
std::optional<std::int64_t> requested_run(const std::string& text) {
  if (text == "latest") return std::nullopt;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw usage_error("--run " + text + ": not a run id or 'latest'");
  }
  return id;
}

// The run asked for, or the newest crawl run (the newest run of any kind when there has been
// no crawl); nullopt when the database holds no run at all.
std::optional<std::int64_t> chosen_run(sqlite_db& db, std::optional<std::int64_t> requested,
                                       const std::string& database) {
  if (requested) {
    auto query = db.prepare("SELECT id FROM runs WHERE id = ?");
    query.bind(1, *requested);
    if (!query.step()) throw usage_error("--run " + std::to_string(*requested) + ": no such run in " + database);
    return requested;
  }
  auto query = db.prepare("SELECT id FROM runs ORDER BY command = 'crawl' DESC, id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  return query.column_int(0);
}

// A filter's values as a JSON array for json_each, so they reach SQL only as one bound
// parameter; "" (bound as NULL) when there is no filter.
std::string json_list(const std::vector<std::string>& values) {
  return values.empty() ? std::string() : boost::json::serialize(boost::json::value_from(values));
}

// The distinct drugs and no-prescription phrases found in a view, sorted and joined with
// "; ". Looked up by primary key per row rather than with group_concat, whose order SQLite
// does not promise before 3.44.
class view_terms {
 public:
  explicit view_terms(sqlite_db& db)
      : drugs_(db.prepare("SELECT DISTINCT drug FROM view_drugs WHERE view_id = ? ORDER BY drug")),
        no_rx_(db.prepare("SELECT value FROM view_phrases WHERE view_id = ? AND kind = 'no_rx' ORDER BY value")) {}

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

void write_csv(sqlite_db& db, const export_table& table, std::int64_t run_id,
               const export_command_options& options, std::ostream& stream) {
  csv_writer csv(stream, options.bom ? byte_order_mark::write : byte_order_mark::omit);
  for (const auto& column : table.columns) csv.text(column.name);
  csv.end_row();

  auto rows = db.prepare(table.query);
  rows.bind(1, run_id).bind_optional(2, json_list(options.verdicts)).bind_optional(3, json_list(options.vantages));
  view_terms terms(db);
  while (rows.step()) {
    for (int index = 0; index < static_cast<int>(table.columns.size()); ++index) {
      switch (table.columns[static_cast<std::size_t>(index)].kind) {
        case cell::text: csv.text(rows.column_text(index)); break;
        case cell::integer: csv.number(rows.column_int(index)); break;
        case cell::real: csv.number(rows.column_real(index)); break;
        case cell::drugs: csv.text(terms.drugs(rows.column_int(index))); break;
        case cell::no_rx: csv.text(terms.no_rx(rows.column_int(index))); break;
      }
    }
    csv.end_row();
  }
  csv.flush();
  if (!stream) throw std::system_error(EIO, std::generic_category(), "cannot write the CSV");
}

}  // namespace

int run_export_command(const export_command_options& options, std::ostream& out, std::ostream& err) {
  const auto& table = chosen_table(options.what);
  check_verdicts(options.verdicts);
  const auto requested = requested_run(options.run);
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return 1;
  }

  const std::string output = options.out ? "--out " + *options.out : "standard output";
  try {
    { store migrated(options.database); }  // an older database is brought to the current schema
    sqlite_db db(options.database);
    const auto run_id = chosen_run(db, requested, options.database);
    if (!run_id) {
      err << "geocrawl: --db " << options.database << ": no run to export\n";
      return 1;
    }
    if (options.out) {
      staged_file file(*options.out);
      write_csv(db, table, *run_id, options, file.stream());
      file.commit();
    } else {
      write_csv(db, table, *run_id, options, out);
    }
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return 1;
  } catch (const std::system_error& error) {
    err << "geocrawl: " << output << ": " << error.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace geocrawl
