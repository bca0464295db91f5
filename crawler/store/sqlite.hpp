#pragma once
// A thin RAII layer over the SQLite C API: prepared statements only, errors as
// exceptions carrying SQLite's message.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace geocrawl {

class sqlite_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class sqlite_statement {
 public:
  sqlite_statement(sqlite3* db, std::string_view sql);
  ~sqlite_statement();
  sqlite_statement(const sqlite_statement&) = delete;
  sqlite_statement& operator=(const sqlite_statement&) = delete;

  // Parameters are 1-based, as in SQL. Text and blobs are copied by SQLite.
  sqlite_statement& bind(int index, std::int64_t value);
  sqlite_statement& bind(int index, std::string_view text);
  sqlite_statement& bind_real(int index, double value);
  sqlite_statement& bind_blob(int index, std::string_view bytes);
  sqlite_statement& bind_null(int index);
  sqlite_statement& bind_optional(int index, std::string_view text);  // "" as NULL

  bool step();  // true while a row is available
  void run();   // step to completion, for statements without rows
  void reset();

  std::int64_t column_int(int index) const;
  double column_real(int index) const;
  std::string column_text(int index) const;
  std::string column_blob(int index) const;  // the bytes as stored, NULs and all
  bool column_is_null(int index) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

class sqlite_db {
 public:
  explicit sqlite_db(const std::filesystem::path& file);
  ~sqlite_db();
  sqlite_db(const sqlite_db&) = delete;
  sqlite_db& operator=(const sqlite_db&) = delete;

  void exec(std::string_view sql);  // for schema and pragmas, never with data
  sqlite_statement prepare(std::string_view sql) { return sqlite_statement(db_, sql); }
  // The same statement, prepared once per connection and handed out reset with no
  // bindings: for statements run for every view of a crawl. `sql` must be a string
  // literal (its address is the key). Not for nested use of one statement.
  sqlite_statement& cached(const char* sql);
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;  // rows the last INSERT, UPDATE or DELETE touched
  std::int64_t user_version();

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<sqlite_statement>> cached_;
};

// BEGIN IMMEDIATE on construction; rolled back on destruction unless committed, so an
// exception never leaves half a site in the database.
class sqlite_transaction {
 public:
  explicit sqlite_transaction(sqlite_db& db);
  ~sqlite_transaction();
  sqlite_transaction(const sqlite_transaction&) = delete;
  sqlite_transaction& operator=(const sqlite_transaction&) = delete;
  void commit();

 private:
  sqlite_db& db_;
  bool done_ = false;
};

}  // namespace geocrawl
