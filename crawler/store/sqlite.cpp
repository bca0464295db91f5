#include "crawler/store/sqlite.hpp"

#include <sqlite3.h>

namespace geocrawl {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw sqlite_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

sqlite_statement::sqlite_statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) !=
      SQLITE_OK) {
    fail(db_, "cannot prepare SQL");
  }
}

sqlite_statement::~sqlite_statement() { sqlite3_finalize(statement_); }

sqlite_statement& sqlite_statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail(db_, "cannot bind");
  return *this;
}

sqlite_statement& sqlite_statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    fail(db_, "cannot bind");
  }
  return *this;
}

sqlite_statement& sqlite_statement::bind_real(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) fail(db_, "cannot bind");
  return *this;
}

sqlite_statement& sqlite_statement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    fail(db_, "cannot bind");
  }
  return *this;
}

sqlite_statement& sqlite_statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail(db_, "cannot bind");
  return *this;
}

sqlite_statement& sqlite_statement::bind_optional(int index, std::string_view text) {
  return text.empty() ? bind_null(index) : bind(index, text);
}

bool sqlite_statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "SQL step failed");
}

void sqlite_statement::run() {
  while (step()) {
  }
}

void sqlite_statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t sqlite_statement::column_int(int index) const {
  return sqlite3_column_int64(statement_, index);
}

double sqlite_statement::column_real(int index) const {
  return sqlite3_column_double(statement_, index);
}

std::string sqlite_statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  const auto size = sqlite3_column_bytes(statement_, index);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string();
}

std::string sqlite_statement::column_blob(int index) const {
  const auto* bytes = sqlite3_column_blob(statement_, index);
  const auto size = sqlite3_column_bytes(statement_, index);
  // SQLite gives a null pointer for an empty blob.
  return bytes ? std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size))
               : std::string();
}

bool sqlite_statement::column_is_null(int index) const {
  return sqlite3_column_type(statement_, index) == SQLITE_NULL;
}

sqlite_db::sqlite_db(const std::filesystem::path& file) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string message = "cannot open database " + file.string();
    sqlite3_close(db_);
    db_ = nullptr;
    throw sqlite_error(message);
  }
  // A concurrent reader (export during a crawl) waits briefly instead of failing at once.
  sqlite3_busy_timeout(db_, 5000);
}

sqlite_db::~sqlite_db() {
  cached_.clear();  // statements are finalized before the connection closes
  sqlite3_close(db_);
}

sqlite_statement& sqlite_db::cached(const char* sql) {
  auto& statement = cached_[sql];
  if (!statement) {
    statement = std::make_unique<sqlite_statement>(db_, sql);
  } else {
    statement->reset();
  }
  return *statement;
}

void sqlite_db::exec(std::string_view sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw sqlite_error("SQL failed: " + text);
  }
}

std::int64_t sqlite_db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t sqlite_db::changes() const { return sqlite3_changes64(db_); }

std::int64_t sqlite_db::user_version() {
  auto statement = prepare("PRAGMA user_version");
  statement.step();
  return statement.column_int(0);
}

sqlite_transaction::sqlite_transaction(sqlite_db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

sqlite_transaction::~sqlite_transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (const sqlite_error&) {
      // The transaction is already gone (SQLite rolls back itself on some errors).
    }
  }
}

void sqlite_transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace geocrawl
