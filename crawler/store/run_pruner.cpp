#include "crawler/store/run_pruner.hpp"

#include <string>
#include <string_view>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/timestamp.hpp"

namespace geocrawl {

namespace {

// A site of a pruned run goes unless its verdict is one the run keeps (?keeps, a JSON array).
constexpr std::string_view site_goes =
    "(sites.verdict IS NULL OR sites.verdict NOT IN (SELECT value FROM json_each(?)))";

std::string json_ids(const std::vector<std::int64_t>& ids) {
  std::string json = "[";
  for (const auto id : ids) json += (json.size() > 1 ? "," : "") + std::to_string(id);
  return json + "]";
}

// Verdict words are ours (to_string of the enum), so they need no JSON escaping.
std::string json_verdicts(const std::vector<cloaking_verdict>& verdicts) {
  std::string json = "[";
  for (const auto verdict : verdicts)
    json += (json.size() > 1 ? ",\"" : "\"") + std::string(to_string(verdict)) + "\"";
  return json + "]";
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::int64_t single_int(sqlite_db& db, std::string_view sql) {
  auto query = db.prepare(sql);
  query.step();
  return query.column_int(0);
}

std::unique_ptr<sqlite_db> open_migrated(const std::filesystem::path& file) {
  { store migrated(file); }
  auto db = std::make_unique<sqlite_db>(file);
  db->exec("PRAGMA foreign_keys = ON");
  db->exec(
      "CREATE TEMP TABLE IF NOT EXISTS prune_sites (id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS prune_views (id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS prune_bodies (sha256 TEXT PRIMARY KEY);");
  return db;
}

}  // namespace

run_pruner::run_pruner(const std::filesystem::path& file, prune_steps steps)
    : db_(open_migrated(file)), steps_(steps) {
  // Every table that refers to a run, site or view, read from the schema rather than listed
  // here, so a table added by a later migration is pruned with its run too. A table that
  // refers to something else being deleted makes the delete fail on its foreign key: loudly.
  auto references = db_->prepare(R"sql(
SELECT m.name, f."table", f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
WHERE m.type = 'table' ORDER BY m.name
)sql");
  while (references.step()) {
    const auto table = references.column_text(0);
    const auto parent = references.column_text(1);
    const auto column = quoted(references.column_text(2));
    const auto delete_from = "DELETE FROM " + quoted(table) + " WHERE " + column;
    if (parent == "sites" && table != "views") {
      site_children_.push_back(delete_from + " IN (SELECT id FROM temp.prune_sites)");
    } else if (parent == "views") {
      view_children_.push_back(delete_from + " IN (SELECT id FROM temp.prune_views)");
    } else if (parent == "runs" && table != "sites") {
      run_children_.push_back(delete_from + " = ?");
    }
  }
}

run_pruner::~run_pruner() = default;

bool run_pruner::needs_vacuum_conversion() {
  // 0 none, 1 full, 2 incremental.
  return single_int(*db_, "PRAGMA auto_vacuum") != 2;
}

std::int64_t run_pruner::file_bytes() {
  return single_int(*db_, "PRAGMA page_count") * single_int(*db_, "PRAGMA page_size");
}

std::int64_t run_pruner::free_pages() { return single_int(*db_, "PRAGMA freelist_count"); }

void run_pruner::convert_to_incremental_vacuum() {
  db_->exec("PRAGMA auto_vacuum = INCREMENTAL");
  db_->exec("VACUUM");
}

std::vector<std::int64_t> run_pruner::chosen_runs(const retention_policy& policy) {
  // Finished runs are done or abandoned; the newest done run is never chosen. A run whose
  // prune began and did not finish is always chosen, to finish it.
  auto query = db_->prepare(R"sql(
WITH finished AS (
  SELECT id, finished_at, row_number() OVER (ORDER BY id DESC) AS newest FROM runs
  WHERE (status = 'done' OR abandoned_at IS NOT NULL) AND pruning_started_at IS NULL
)
SELECT id FROM finished
WHERE (?1 IS NULL OR newest > ?1) AND (?2 IS NULL OR finished_at < ?2)
  AND id IS NOT (SELECT id FROM runs WHERE status = 'done' AND pruning_started_at IS NULL
                 ORDER BY finished_at DESC, id DESC LIMIT 1)
UNION
SELECT id FROM runs WHERE pruning_started_at IS NOT NULL AND pruned_at IS NULL
ORDER BY id
)sql");
  if (policy.keep_last) {
    query.bind(1, *policy.keep_last);
  } else {
    query.bind_null(1);
  }
  if (policy.older_than_days) {
    query.bind(2, utc_timestamp(policy.now - std::chrono::hours(24) * *policy.older_than_days));
  } else {
    query.bind_null(2);
  }
  std::vector<std::int64_t> runs;
  while (query.step()) runs.push_back(query.column_int(0));
  return runs;
}

prune_plan run_pruner::plan(const retention_policy& policy) {
  prune_plan plan;
  auto& counts = plan.counts;
  counts.runs = chosen_runs(policy);
  db_->exec("DELETE FROM temp.prune_sites; DELETE FROM temp.prune_views;");
  // A run marked already keeps the verdicts it was marked with.
  db_->prepare(R"sql(
INSERT INTO temp.prune_sites
SELECT sites.id FROM sites JOIN runs ON runs.id = sites.run_id
WHERE runs.id IN (SELECT value FROM json_each(?1))
  AND (sites.verdict IS NULL
       OR sites.verdict NOT IN (SELECT value FROM json_each(coalesce(runs.pruning_keeps, ?2))))
)sql")
      .bind(1, json_ids(counts.runs))
      .bind(2, json_verdicts(policy.keep_verdicts))
      .run();
  db_->exec(
      "INSERT INTO temp.prune_views SELECT id FROM views WHERE site_id IN "
      "(SELECT id FROM temp.prune_sites)");
  counts.sites = single_int(*db_, "SELECT count(*) FROM temp.prune_sites");
  counts.views = single_int(*db_, "SELECT count(*) FROM temp.prune_views");
  {
    auto all_sites =
        db_->prepare("SELECT count(*) FROM sites WHERE run_id IN (SELECT value FROM json_each(?))");
    all_sites.bind(1, json_ids(counts.runs)).step();
    counts.kept_sites = all_sites.column_int(0) - counts.sites;
  }
  {
    auto bodies = db_->prepare(R"sql(
SELECT count(*), coalesce(sum(length(data)), 0) FROM bodies
WHERE sha256 IN (SELECT sha256 FROM body_references
                 WHERE view_id IN (SELECT id FROM temp.prune_views))
  AND NOT EXISTS (SELECT 1 FROM body_references r WHERE r.sha256 = bodies.sha256
                  AND r.view_id NOT IN (SELECT id FROM temp.prune_views))
)sql");
    bodies.step();
    counts.bodies = bodies.column_int(0);
    counts.body_bytes = bodies.column_int(1);
  }

  const auto page_size = single_int(*db_, "PRAGMA page_size");
  const auto used = (single_int(*db_, "PRAGMA page_count") - free_pages()) * page_size;
  const auto all_body_bytes = single_int(*db_, "SELECT coalesce(sum(length(data)), 0) FROM bodies");
  const auto all_views = single_int(*db_, "SELECT count(*) FROM views");
  const auto rest = used > all_body_bytes ? used - all_body_bytes : 0;
  plan.estimated_bytes =
      counts.body_bytes +
      (all_views > 0 ? static_cast<std::int64_t>(static_cast<double>(rest) * counts.views /
                                                 static_cast<double>(all_views))
                     : 0);
  db_->exec("DELETE FROM temp.prune_sites; DELETE FROM temp.prune_views;");
  return plan;
}

void run_pruner::mark(const std::vector<std::int64_t>& runs, const retention_policy& policy) {
  sqlite_transaction transaction(*db_);
  auto update = db_->prepare(
      "UPDATE runs SET pruning_started_at = ?, pruning_keeps = ? "
      "WHERE id = ? AND pruning_started_at IS NULL");
  const auto now = utc_timestamp();
  const auto keeps = json_verdicts(policy.keep_verdicts);
  for (const auto run : runs) {
    update.bind(1, now).bind(2, keeps).bind(3, run).run();
    update.reset();
  }
  transaction.commit();
}

void run_pruner::prune_run(std::int64_t run_id, prune_counts& counts) {
  std::string keeps;
  std::int64_t batches = 0;
  {
    auto query = db_->prepare(
        "SELECT coalesce(pruning_keeps, '[]'), (SELECT count(*) FROM sites WHERE run_id = ?1) "
        "FROM runs WHERE id = ?1");
    query.bind(1, run_id).step();
    keeps = query.column_text(0);
    batches = query.column_int(1) / steps_.sites_per_batch + 1;
  }

  auto choose =
      db_->prepare("INSERT INTO temp.prune_sites SELECT id FROM sites WHERE run_id = ? AND " +
                   std::string(site_goes) + " LIMIT ?");
  auto body_totals = db_->prepare(R"sql(
SELECT count(*), coalesce(sum(length(data)), 0) FROM bodies
WHERE sha256 IN (SELECT sha256 FROM temp.prune_bodies)
  AND NOT EXISTS (SELECT 1 FROM body_references r WHERE r.sha256 = bodies.sha256)
)sql");
  for (std::int64_t batch = 0; batch < batches; ++batch) {
    sqlite_transaction transaction(*db_);
    db_->exec(
        "DELETE FROM temp.prune_sites; DELETE FROM temp.prune_views; "
        "DELETE FROM temp.prune_bodies;");
    choose.reset();
    choose.bind(1, run_id).bind(2, keeps).bind(3, steps_.sites_per_batch).run();
    const auto sites = db_->changes();
    if (sites == 0) break;
    db_->exec(
        "INSERT INTO temp.prune_views SELECT id FROM views WHERE site_id IN "
        "(SELECT id FROM temp.prune_sites);"
        "INSERT INTO temp.prune_bodies SELECT DISTINCT sha256 FROM body_references "
        "WHERE view_id IN (SELECT id FROM temp.prune_views);");
    counts.sites += sites;
    counts.views += single_int(*db_, "SELECT count(*) FROM temp.prune_views");
    for (const auto& sql : site_children_) db_->exec(sql);
    for (const auto& sql : view_children_) db_->exec(sql);
    db_->exec(
        "DELETE FROM views WHERE id IN (SELECT id FROM temp.prune_views);"
        "DELETE FROM sites WHERE id IN (SELECT id FROM temp.prune_sites);");
    body_totals.reset();
    body_totals.step();
    counts.bodies += body_totals.column_int(0);
    counts.body_bytes += body_totals.column_int(1);
    body_totals.reset();
    // A stored analysis is kept for its body; with the body gone, nothing can reuse it. A body
    // is a served body, a rendered DOM or a screenshot (body_references): one still used as any
    // of them stays.
    db_->exec(
        "DELETE FROM bodies WHERE sha256 IN (SELECT sha256 FROM temp.prune_bodies) "
        "AND NOT EXISTS (SELECT 1 FROM body_references r WHERE r.sha256 = bodies.sha256);"
        "DELETE FROM analyses WHERE body_sha256 IN (SELECT sha256 FROM temp.prune_bodies) "
        "AND NOT EXISTS (SELECT 1 FROM bodies WHERE bodies.sha256 = analyses.body_sha256)");
    transaction.commit();
  }

  sqlite_transaction transaction(*db_);
  std::int64_t kept = 0;
  {
    auto query = db_->prepare("SELECT count(*) FROM sites WHERE run_id = ?");
    query.bind(1, run_id).step();
    kept = query.column_int(0);
  }
  // A run with kept sites keeps its proxy checks and input errors too: they are part of the
  // evidence for the sites kept.
  if (kept == 0) {
    for (const auto& sql : run_children_) db_->prepare(sql).bind(1, run_id).run();
  }
  db_->prepare("UPDATE runs SET pruned_at = ?, kept_sites = ? WHERE id = ?")
      .bind(1, utc_timestamp())
      .bind(2, kept)
      .bind(3, run_id)
      .run();
  transaction.commit();
  counts.kept_sites += kept;
}

prune_result run_pruner::prune(const retention_policy& policy) {
  const auto started = std::chrono::steady_clock::now();
  prune_result result;
  const auto size_before = file_bytes();
  result.counts.runs = chosen_runs(policy);
  mark(result.counts.runs, policy);
  for (const auto run : result.counts.runs) prune_run(run, result.counts);

  // Each incremental_vacuum is a short write transaction of its own, so a crawl writing
  // meanwhile waits for one step at most. The number of steps is bounded by the free pages
  // found at the start; pages freed meanwhile by others wait for the next prune.
  const auto rounds = free_pages() / steps_.pages_per_vacuum + 1;
  const auto step = "PRAGMA incremental_vacuum(" + std::to_string(steps_.pages_per_vacuum) + ")";
  for (std::int64_t round = 0; round < rounds && free_pages() > 0; ++round) db_->exec(step);
  // Copies the shrunk pages into the file without waiting for readers.
  db_->exec("PRAGMA wal_checkpoint(PASSIVE)");
  const auto size_after = file_bytes();
  result.freed_bytes = size_before > size_after ? size_before - size_after : 0;
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace geocrawl
