// The store's runs and a crawl's work list: what is to be fetched and how far a run got.
#include "crawler/store/store.hpp"

#include <string>

#include "crawler/store/sqlite.hpp"
#include "crawler/view/timestamp.hpp"

namespace geocrawl {

std::int64_t store::begin_run(const run_record& run) {
  auto insert = db_->prepare(R"sql(
INSERT INTO runs (command, started_at, status, config_source, input, config_hash, run_label,
                  shard_index, shard_count)
VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)
)sql");
  insert.bind(1, to_string(run.command))
      .bind(2, utc_timestamp())
      .bind(3, run.config_source)
      .bind(4, run.input)
      .bind_optional(5, run.config_hash)
      .bind_optional(6, run.run_label);
  if (run.shard) {
    insert.bind(7, std::int64_t{run.shard->index}).bind(8, std::int64_t{run.shard->count});
  } else {
    insert.bind_null(7).bind_null(8);
  }
  insert.run();
  return db_->last_insert_rowid();
}

void store::finish_run(std::int64_t run_id, run_status status) {
  db_->prepare("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?")
      .bind(1, to_string(status))
      .bind(2, utc_timestamp())
      .bind(3, run_id)
      .run();
}

void store::reopen_run(std::int64_t run_id) {
  db_->prepare("UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?")
      .bind(1, run_id)
      .run();
}

void store::abandon_run(std::int64_t run_id) {
  const auto now = utc_timestamp();
  db_->prepare("UPDATE runs SET status = 'failed', finished_at = ?, abandoned_at = ? WHERE id = ?")
      .bind(1, now)
      .bind(2, now)
      .bind(3, run_id)
      .run();
}

namespace {

constexpr std::string_view run_columns =
    "SELECT id, command, status, started_at, config_source, coalesce(input, ''), "
    "coalesce(config_hash, ''), "
    "sites_total, sites_done, bad_lines, duplicates, coalesce(finished_at, ''), "
    "abandoned_at IS NOT NULL, coalesce(pruned_at, ''), coalesce(pruning_started_at, ''), "
    "kept_sites, coalesce(run_label, ''), shard_index, shard_count FROM runs ";

std::string run_query(std::string_view condition) {
  std::string sql(run_columns);
  sql.append(condition);
  return sql;
}

// runs.command holds only the words of run_kind, unless the file was edited by hand.
run_kind stored_run_kind(const std::string& word) {
  const auto kind = parse_run_kind(word);
  if (!kind) throw sqlite_error("runs.command holds '" + word + "', which is not a run kind");
  return *kind;
}

// runs.status holds only these words (its CHECK constraint), unless the file was edited by hand.
run_status stored_run_status(const std::string& word) {
  const auto status = parse_run_status(word);
  if (!status) throw sqlite_error("runs.status holds '" + word + "', which is not a run status");
  return *status;
}

// Both columns are written together (begin_run), or neither.
std::optional<run_shard> stored_shard(const sqlite_statement& query, int index_column) {
  if (query.column_is_null(index_column) || query.column_is_null(index_column + 1))
    return std::nullopt;
  return run_shard{.index = static_cast<std::uint32_t>(query.column_int(index_column)),
                   .count = static_cast<std::uint32_t>(query.column_int(index_column + 1))};
}

std::optional<run_info> read_run(sqlite_statement& query) {
  if (!query.step()) return std::nullopt;
  return run_info{
      .id = query.column_int(0),
      .command = stored_run_kind(query.column_text(1)),
      .status = stored_run_status(query.column_text(2)),
      .started_at = query.column_text(3),
      .finished_at = query.column_text(11),
      .config_source = query.column_text(4),
      .input = query.column_text(5),
      .config_hash = query.column_text(6),
      .run_label = query.column_text(16),
      .shard = stored_shard(query, 17),
      .sites_total = query.column_int(7),
      .sites_done = query.column_int(8),
      .bad_lines = query.column_int(9),
      .duplicates = query.column_int(10),
      .abandoned = query.column_int(12) != 0,
      .presence = existing_run(query.column_text(13), query.column_text(14), query.column_int(15))};
}

}  // namespace

std::optional<run_info> store::find_run(std::int64_t run_id) {
  auto query = db_->prepare(run_query("WHERE id = ?"));
  query.bind(1, run_id);
  return read_run(query);
}

run_lookup store::look_up(std::int64_t run_id) { return look_up_run(*db_, run_id); }

std::optional<run_info> store::latest_unfinished_crawl() {
  auto query = db_->prepare(
      run_query("WHERE command = 'crawl' AND status != 'done' AND abandoned_at IS NULL "
                "ORDER BY id DESC LIMIT 1"));
  return read_run(query);
}

std::vector<run_info> store::all_runs() {
  auto query = db_->prepare(run_query("ORDER BY id DESC"));
  std::vector<run_info> runs;
  while (auto run = read_run(query)) runs.push_back(std::move(*run));
  return runs;
}

run_totals store::totals_of(std::int64_t run_id) {
  run_totals totals;
  auto verdicts = db_->prepare(R"sql(
SELECT coalesce(verdict, 'single view'), count(*) FROM sites
WHERE run_id = ? AND finished_at IS NOT NULL GROUP BY 1
)sql");
  verdicts.bind(1, run_id);
  while (verdicts.step()) totals.verdicts[verdicts.column_text(0)] = verdicts.column_int(1);
  auto errors = db_->prepare(R"sql(
SELECT views.error_code, count(*) FROM views JOIN sites ON sites.id = views.site_id
WHERE sites.run_id = ? AND views.error_code IS NOT NULL GROUP BY 1
)sql");
  errors.bind(1, run_id);
  while (errors.step()) totals.errors[errors.column_text(0)] = errors.column_int(1);
  auto without_proxy = db_->prepare(R"sql(
SELECT views.vantage, count(*) FROM views JOIN sites ON sites.id = views.site_id
WHERE sites.run_id = ? AND views.error_code = 'no_proxy_for_country' GROUP BY 1
)sql");
  without_proxy.bind(1, run_id);
  while (without_proxy.step())
    totals.views_without_proxy[without_proxy.column_text(0)] = without_proxy.column_int(1);
  auto rendered = db_->prepare(R"sql(
SELECT rendered_views.error_code, count(*) FROM rendered_views
JOIN views ON views.id = rendered_views.view_id JOIN sites ON sites.id = views.site_id
WHERE sites.run_id = ? GROUP BY 1
)sql");
  rendered.bind(1, run_id);
  while (rendered.step()) {
    totals.rendered += rendered.column_int(1);
    if (!rendered.column_is_null(0))
      totals.render_errors[rendered.column_text(0)] = rendered.column_int(1);
  }
  return totals;
}

std::size_t store::add_sites(std::int64_t run_id, const std::vector<site_entry>& sites,
                             const std::vector<site_line_error>& rejected) {
  sqlite_transaction transaction(*db_);
  auto reject = db_->prepare("INSERT INTO input_errors (run_id, line, message) VALUES (?, ?, ?)");
  for (const auto& error : rejected) {
    reject.bind(1, run_id)
        .bind(2, static_cast<std::int64_t>(error.line))
        .bind(3, error.message)
        .run();
    reject.reset();
  }
  auto insert = db_->prepare(
      "INSERT OR IGNORE INTO sites (run_id, url, line, labels, fallback_url) VALUES (?, ?, ?, ?, "
      "?)");
  std::size_t added = 0;
  for (const auto& site : sites) {
    insert.bind(1, run_id)
        .bind(2, site.url)
        .bind(3, static_cast<std::int64_t>(site.line))
        .bind_optional(4, site.labels_json)
        .bind_optional(5, site.fallback_url)
        .run();
    added += static_cast<std::size_t>(db_->changes());
    insert.reset();
  }
  transaction.commit();
  return added;
}

void store::set_run_input(std::int64_t run_id, std::int64_t sites_total, std::int64_t bad_lines,
                          std::int64_t duplicates) {
  db_->prepare("UPDATE runs SET sites_total = ?, bad_lines = ?, duplicates = ? WHERE id = ?")
      .bind(1, sites_total)
      .bind(2, bad_lines)
      .bind(3, duplicates)
      .bind(4, run_id)
      .run();
}

std::vector<site_line_error> store::input_errors(std::int64_t run_id) {
  auto query =
      db_->prepare("SELECT line, message FROM input_errors WHERE run_id = ? ORDER BY line");
  query.bind(1, run_id);
  std::vector<site_line_error> errors;
  while (query.step())
    errors.push_back({static_cast<std::size_t>(query.column_int(0)), query.column_text(1)});
  return errors;
}

void store::discard_partial_list(std::int64_t run_id) {
  sqlite_transaction transaction(*db_);
  db_->prepare("DELETE FROM sites WHERE run_id = ? AND finished_at IS NULL").bind(1, run_id).run();
  db_->prepare("DELETE FROM input_errors WHERE run_id = ?").bind(1, run_id).run();
  transaction.commit();
}

std::vector<pending_site> store::pending_sites(std::int64_t run_id, std::int64_t after_id,
                                               std::size_t limit) {
  auto query = db_->prepare(R"sql(
SELECT id, url, coalesce(fallback_url, '') FROM sites
WHERE run_id = ? AND finished_at IS NULL AND id > ? ORDER BY id LIMIT ?
)sql");
  query.bind(1, run_id).bind(2, after_id).bind(3, static_cast<std::int64_t>(limit));
  std::vector<pending_site> sites;
  while (query.step())
    sites.push_back({query.column_int(0), query.column_text(1), query.column_text(2)});
  return sites;
}

}  // namespace geocrawl
