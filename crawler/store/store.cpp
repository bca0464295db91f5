#include "crawler/store/store.hpp"

#include <string>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store_schema.hpp"
#include "crawler/store/uuid_v4.hpp"

namespace geocrawl {

namespace {

void migrate(sqlite_db& db) {
  const auto migrations = store_migrations();
  const auto current = db.user_version();
  const auto latest = static_cast<std::int64_t>(migrations.size());
  if (current > latest) {
    throw sqlite_error("the database has schema version " + std::to_string(current) +
                       ", newer than this geocrawl understands (" + std::to_string(latest) + ")");
  }
  for (auto version = current; version < latest; ++version) {
    sqlite_transaction transaction(db);
    db.exec(migrations[static_cast<std::size_t>(version)]);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    transaction.commit();
  }
}

}  // namespace

std::int64_t store_schema_version() { return static_cast<std::int64_t>(store_migrations().size()); }

store::store(const std::filesystem::path& file) : db_(std::make_unique<sqlite_db>(file)) {
  // Takes effect only in a new database (before its first table), which is so created ready
  // for `geocrawl prune` to give pages back in steps; an older one is converted by prune's
  // one-time VACUUM (crawler/store/run_pruner.hpp).
  db_->exec("PRAGMA auto_vacuum = INCREMENTAL");
  db_->exec("PRAGMA journal_mode = WAL");
  db_->exec("PRAGMA synchronous = NORMAL");
  // Off while migrating: a migration that rebuilds a table other tables refer to drops the old
  // one before the new one takes its name (SQLite's own procedure for it asks for this).
  db_->exec("PRAGMA foreign_keys = OFF");
  migrate(*db_);
  db_->exec("PRAGMA foreign_keys = ON");
  // Once per database: a second open finds the row and keeps it.
  db_->prepare("INSERT OR IGNORE INTO database_identity (only, uuid) VALUES (1, ?)")
      .bind(1, uuid_v4())
      .run();
}

std::string store::database_identity() {
  auto query = db_->prepare("SELECT uuid FROM database_identity");
  query.step();
  return query.column_text(0);
}

store::~store() = default;

}  // namespace geocrawl
