#include "crawler/store/merge_tables.hpp"

#include <doctest/doctest.h>

#include <string>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

std::string joined(const std::vector<std::string>& gaps) {
  std::string text;
  for (const auto& gap : gaps) text += gap + "\n";
  return text;
}

}  // namespace

// A migration that adds a table must register it in crawler/store/merge_tables.cpp, or merged
// databases would silently lack it: this test fails until it does.
TEST_CASE(
    "the merge list accounts for every table and foreign key of a freshly migrated database") {
  testing::temp_dir dir;
  const auto file = dir.path() / "fresh.db";
  { store created(file); }
  sqlite_db db(file);
  const auto gaps = merge_list_gaps(db);
  INFO(joined(gaps));
  CHECK(gaps.empty());
}

TEST_CASE("a table or a foreign key the merge list does not know is reported") {
  testing::temp_dir dir;
  const auto file = dir.path() / "grown.db";
  { store created(file); }
  sqlite_db db(file);
  db.exec(
      "CREATE TABLE view_networks (view_id INTEGER NOT NULL REFERENCES views (id), asn INTEGER)");
  db.exec("ALTER TABLE comparisons ADD COLUMN rendered_view_id INTEGER REFERENCES views (id)");
  const auto gaps = joined(merge_list_gaps(db));
  CHECK(gaps.find("table view_networks is not in the merge list") != std::string::npos);
  CHECK(gaps.find("comparisons.rendered_view_id refers to views") != std::string::npos);
}

}  // namespace geocrawl
