#include "crawler/store/shard_merge.hpp"

#include <optional>

#include "crawler/store/merge_tables.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/timestamp.hpp"

namespace geocrawl {

namespace {

std::string sql_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string map_of(std::string_view table) {
  return "temp." + sql_name("merge_map_" + std::string(table));
}

std::vector<std::string> columns_of(sqlite_db& db, std::string_view table) {
  auto query = db.prepare("SELECT name FROM main.pragma_table_info(?) ORDER BY cid");
  query.bind(1, table);
  std::vector<std::string> columns;
  while (query.step()) columns.push_back(query.column_text(0));
  return columns;
}

const merge_reference* reference_of(const merge_table& table, std::string_view column) {
  for (const auto& reference : table.references)
    if (reference.column == column) return &reference;
  return nullptr;
}

// Only the rows of the runs being merged: each reference must lead to a row mapped already.
std::string rows_of_merged_runs(const merge_table& table) {
  std::string where = " WHERE 1";
  for (const auto& reference : table.references) {
    const auto column = "s." + sql_name(reference.column);
    where += " AND (" + column + " IS NULL OR " + column + " IN (SELECT old FROM " +
             map_of(reference.table) + "))";
  }
  return where;
}

// One INSERT ... SELECT per table: ids through the maps, every other column as it is.
void copy_table(sqlite_db& db, const merge_table& table) {
  const auto name = sql_name(table.name);
  const auto where = rows_of_merged_runs(table);
  if (table.rows == merge_rows::renumbered) {
    // Past the target's largest id: an id is never reused, even one a prune left unused.
    db.exec("INSERT INTO " + map_of(table.name) +
            " SELECT s.id, s.id + (SELECT coalesce(max(id), " + "0) FROM main." + name +
            ") FROM shard." + name + " s" + where);
  }
  std::string columns;
  std::string values;
  for (const auto& column : columns_of(db, table.name)) {
    if (!columns.empty()) {
      columns += ", ";
      values += ", ";
    }
    columns += sql_name(column);
    if (table.rows == merge_rows::renumbered && column == "id") {
      values += "(SELECT new FROM " + map_of(table.name) + " WHERE old = s.id)";
    } else if (const auto* reference = reference_of(table, column)) {
      values += "(SELECT new FROM " + map_of(reference->table) + " WHERE old = s." +
                sql_name(column) + ")";
    } else {
      values += "s." + sql_name(column);
    }
  }
  const auto verb =
      table.rows == merge_rows::kept_first ? "INSERT OR IGNORE INTO main." : "INSERT INTO main.";
  db.exec(verb + name + " (" + columns + ") SELECT " + values + " FROM shard." + name + " s" +
          where + (table.rows == merge_rows::renumbered ? " ORDER BY s.id" : ""));
}

struct shard_run {
  std::int64_t id = 0;
  std::string command;
  std::string status;
  std::string label;
  std::string config_hash;
};

std::vector<shard_run> runs_to_merge(sqlite_db& db, const std::string& identity) {
  auto query = db.prepare(R"sql(
SELECT id, command, status, coalesce(run_label, ''), coalesce(config_hash, '') FROM shard.runs
WHERE id NOT IN (SELECT shard_run_id FROM main.merged_shards WHERE shard_database = ?)
ORDER BY id
)sql");
  query.bind(1, identity);
  std::vector<shard_run> runs;
  while (query.step()) {
    runs.push_back({query.column_int(0), query.column_text(1), query.column_text(2),
                    query.column_text(3), query.column_text(4)});
  }
  return runs;
}

std::int64_t single_int(sqlite_db& db, std::string_view sql, std::string_view text) {
  auto query = db.prepare(sql);
  query.bind(1, text);
  query.step();
  return query.column_int(0);
}

// The target's run of this label, checked to be the same kind of run with the same config.
std::optional<std::int64_t> run_of_label(sqlite_db& db, const shard_run& run,
                                         const std::filesystem::path& shard) {
  if (run.label.empty()) return std::nullopt;
  auto query = db.prepare(
      "SELECT id, command, coalesce(config_hash, '') FROM main.runs WHERE run_label = ? "
      "ORDER BY id LIMIT 1");
  query.bind(1, run.label);
  if (!query.step()) return std::nullopt;
  const auto id = query.column_int(0);
  if (query.column_text(1) != run.command || query.column_text(2) != run.config_hash) {
    throw merge_refused(shard.string() + ": run " + std::to_string(run.id) + " (label " +
                        run.label + ") was made with another config fingerprint or command than " +
                        "run " + std::to_string(id) +
                        " of the same label in the target: the shards of one label must crawl " +
                        "with one config");
  }
  return id;
}

// A new run in the target, as the shard's run was, but the whole of its label: not one slice.
std::int64_t add_run(sqlite_db& db, const shard_run& run) {
  std::string columns;
  for (const auto& column : columns_of(db, "runs")) {
    if (column == "id") continue;
    columns += (columns.empty() ? "" : ", ") + sql_name(column);
  }
  auto insert = db.prepare("INSERT INTO main.runs (" + columns + ") SELECT " + columns +
                           " FROM shard.runs WHERE id = ?");
  insert.bind(1, run.id).run();
  const auto id = db.last_insert_rowid();
  db.prepare("UPDATE main.runs SET shard_index = NULL WHERE id = ?").bind(1, id).run();
  return id;
}

// The run of the label now covers this shard's run too. Every shard read the whole sites file,
// so the rejected lines are the same in each (the largest count stands); the sites and
// duplicates are each shard's own and add up. The run is done when every part of it is, and is
// no longer one slice (a shard crawled straight into the target was).
void join_run(sqlite_db& db, std::int64_t run_id, std::int64_t shard_run_id) {
  db.prepare(R"sql(
UPDATE main.runs AS r SET
  started_at = min(r.started_at, s.started_at),
  finished_at = CASE WHEN r.finished_at IS NULL OR s.finished_at IS NULL THEN NULL
                     ELSE max(r.finished_at, s.finished_at) END,
  status = CASE WHEN r.status = 'done' AND s.status = 'done' THEN 'done' ELSE 'interrupted' END,
  sites_total = r.sites_total + s.sites_total,
  sites_done = r.sites_done + s.sites_done,
  duplicates = r.duplicates + s.duplicates,
  kept_sites = r.kept_sites + s.kept_sites,
  bad_lines = max(r.bad_lines, s.bad_lines),
  shard_index = NULL
FROM (SELECT * FROM shard.runs WHERE id = ?2) AS s
WHERE r.id = ?1
)sql")
      .bind(1, run_id)
      .bind(2, shard_run_id)
      .run();
}

std::string shard_identity(const std::filesystem::path& shard) {
  if (!std::filesystem::is_regular_file(shard))
    throw merge_refused(shard.string() + ": no such database file");
  {
    sqlite_db probe(shard);
    if (probe.user_version() > store_schema_version()) {
      throw merge_refused(
          shard.string() + ": schema version " + std::to_string(probe.user_version()) +
          " is newer than this geocrawl's (" + std::to_string(store_schema_version()) +
          "): merge with the geocrawl that crawled it");
    }
  }
  // An older shard is migrated forward, as any command opening it would, so its columns are
  // the target's.
  return store(shard).database_identity();
}

}  // namespace

shard_merge_result merge_shard(const std::filesystem::path& target,
                               const std::filesystem::path& shard, const merge_options& options) {
  const auto identity = shard_identity(shard);
  if (store(target).database_identity() == identity)
    throw merge_refused(shard.string() + ": is the target database itself");

  sqlite_db db(target);
  db.exec("PRAGMA foreign_keys = ON");
  db.prepare("ATTACH DATABASE ? AS shard").bind(1, shard.string()).run();
  for (const auto& table : merge_tables()) {
    if (table.rows != merge_rows::renumbered && table.rows != merge_rows::folded_by_label) continue;
    db.exec("CREATE TEMP TABLE IF NOT EXISTS " + map_of(table.name) +
            " (old INTEGER PRIMARY KEY, new INTEGER NOT NULL); DELETE FROM " + map_of(table.name));
  }

  shard_merge_result result;
  sqlite_transaction transaction(db);
  const auto runs = runs_to_merge(db, identity);
  result.merged_before =
      single_int(db, "SELECT count(*) FROM main.merged_shards WHERE shard_database = ?", identity);
  for (const auto& run : runs) {
    if (run.status != "done" && !options.partial) {
      throw merge_refused(shard.string() + ": run " + std::to_string(run.id) + " is " + run.status +
                          ", not done: finish it (geocrawl crawl --resume) or merge what it has "
                          "with --partial");
    }
  }
  auto map_run = db.prepare("INSERT INTO temp.merge_map_runs (old, new) VALUES (?, ?)");
  auto record = db.prepare(
      "INSERT INTO main.merged_shards (shard_database, shard_run_id, run_id, merged_at) "
      "VALUES (?, ?, ?, ?)");
  const auto now = utc_timestamp();
  for (const auto& run : runs) {
    merged_run merged{.shard_run_id = run.id, .run_label = run.label};
    if (const auto existing = run_of_label(db, run, shard)) {
      merged.run_id = *existing;
      merged.joined = true;
      join_run(db, merged.run_id, run.id);
    } else {
      merged.run_id = add_run(db, run);
    }
    map_run.bind(1, run.id).bind(2, merged.run_id).run();
    map_run.reset();
    record.bind(1, identity).bind(2, run.id).bind(3, merged.run_id).bind(4, now).run();
    record.reset();
    auto sites = db.prepare("SELECT count(*) FROM shard.sites WHERE run_id = ?");
    sites.bind(1, run.id).step();
    merged.sites = sites.column_int(0);
    result.runs.push_back(std::move(merged));
  }
  for (const auto& table : merge_tables()) {
    if (table.rows != merge_rows::folded_by_label && table.rows != merge_rows::not_copied)
      copy_table(db, table);
  }
  transaction.commit();
  db.exec("DETACH DATABASE shard");
  return result;
}

}  // namespace geocrawl
