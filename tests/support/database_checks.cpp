#include "tests/support/database_checks.hpp"

#include <doctest/doctest.h>

#include "crawler/store/sqlite.hpp"

namespace geocrawl::testing {

void check_database_consistent(const std::filesystem::path& file) {
  sqlite_db db(file);
  auto integrity = db.prepare("PRAGMA integrity_check");
  REQUIRE(integrity.step());
  CHECK(integrity.column_text(0) == "ok");
  auto foreign_keys = db.prepare("PRAGMA foreign_key_check");
  CHECK_FALSE(foreign_keys.step());
}

}  // namespace geocrawl::testing
