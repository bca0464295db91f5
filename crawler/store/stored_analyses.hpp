#pragma once
// The analyses of earlier runs, read back on their own connection: analysis threads look
// analyses up while the writer thread owns the store's connection, and WAL lets both go
// on at once. Writing them is the store's (store::keep_analyses), inside a site's
// transaction.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "crawler/verdict/analysis_archive.hpp"

namespace geocrawl {

class sqlite_db;

class stored_analyses : public analysis_archive {
 public:
  // The database must exist with the current schema (a store opened it first).
  explicit stored_analyses(const std::filesystem::path& file);
  ~stored_analyses() override;

  std::optional<std::string> load(const analysis_key& key) override;

 private:
  std::mutex mutex_;  // one connection, one statement at a time
  std::unique_ptr<sqlite_db> db_;
};

}  // namespace geocrawl
