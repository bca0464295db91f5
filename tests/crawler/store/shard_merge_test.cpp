#include "crawler/store/shard_merge.hpp"

#include <doctest/doctest.h>

#include <string>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "tests/support/database_checks.hpp"
#include "tests/support/run_history_database.hpp"
#include "tests/support/shard_databases.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

using testing::shard_spec;

std::int64_t count_of(const std::filesystem::path& file, const std::string& sql) {
  sqlite_db db(file);
  auto query = db.prepare(sql);
  query.step();
  return query.column_int(0);
}

struct four_shards {
  testing::temp_dir dir;
  std::filesystem::path target = dir.path() / "merged.db";
  std::vector<std::filesystem::path> shards;

  four_shards() {
    for (std::uint32_t i = 0; i < 4; ++i) {
      shards.push_back(dir.path() / ("shard-" + std::to_string(i) + ".db"));
      testing::write_shard_database(shards.back(),
                                    {.shard = run_shard{i, 4},
                                     .urls = {"https://a" + std::to_string(i) + ".example/",
                                              "https://b" + std::to_string(i) + ".example/"}});
    }
  }
};

}  // namespace

TEST_CASE("four shards of one label merge into one run, ids renumbered, shared bodies kept once") {
  four_shards night;
  // The target has a run of its own first, so every id of the shards is taken already.
  testing::write_shard_database(night.target,
                                {.label = "an-earlier-night", .urls = {"https://a0.example/"}});
  for (const auto& shard : night.shards) {
    const auto result = merge_shard(night.target, shard, {});
    REQUIRE(result.runs.size() == 1);
    CHECK(result.runs[0].run_id == 2);
    CHECK(result.runs[0].sites == 2);
    CHECK(result.runs[0].joined == (shard != night.shards.front()));
  }
  testing::check_database_consistent(night.target);
  CHECK(count_of(night.target, "SELECT count(*) FROM runs") == 2);
  CHECK(count_of(night.target,
                 "SELECT count(*) FROM runs WHERE id = 2 AND run_label = 'night-1' AND status = "
                 "'done' AND sites_total = 8 AND sites_done = 8 AND bad_lines = 1 AND "
                 "shard_index IS NULL AND shard_count = 4") == 1);
  CHECK(count_of(night.target, "SELECT count(*) FROM sites WHERE run_id = 2") == 8);
  CHECK(count_of(night.target, "SELECT count(DISTINCT id) FROM views") == 18);
  // One page shared by every site and eight of their own, a0.example's the same as the earlier
  // night's: nine bodies.
  CHECK(count_of(night.target, "SELECT count(*) FROM bodies") == 9);
  CHECK(count_of(night.target, "SELECT count(*) FROM proxy_checks WHERE run_id = 2") == 4);
  CHECK(count_of(night.target, "SELECT count(*) FROM input_errors WHERE run_id = 2") == 1);
  CHECK(count_of(night.target,
                 "SELECT count(*) FROM comparisons c JOIN sites s ON s.id = "
                 "c.site_id WHERE s.run_id = 2") == 8);
  // Each jp view relies on its own shard's check, renumbered with it.
  CHECK(count_of(night.target,
                 "SELECT count(*) FROM views v JOIN sites s ON s.id = v.site_id JOIN proxy_checks "
                 "c ON c.id = v.exit_check_id WHERE s.run_id = 2 AND c.run_id = 2") == 8);
  CHECK(count_of(night.target, "SELECT count(*) FROM merged_shards") == 4);
  CHECK(count_of(night.target, "SELECT count(*) FROM rdap_lookups") == 8);
}

TEST_CASE("merging a shard twice changes nothing") {
  four_shards night;
  for (const auto& shard : night.shards) merge_shard(night.target, shard, {});
  const auto once = testing::database_digest(night.target);
  for (const auto& shard : night.shards) {
    const auto again = merge_shard(night.target, shard, {});
    CHECK(again.runs.empty());
    CHECK(again.merged_before == 1);
  }
  CHECK(testing::database_digest(night.target) == once);
}

TEST_CASE("a database merged into an empty one reads back the same, ids aside") {
  testing::run_history_database history;
  testing::temp_dir dir;
  const auto target = dir.path() / "copy.db";
  // Its third run failed: only with partial.
  CHECK_THROWS_AS(merge_shard(target, history.file, {}), merge_refused);
  CHECK(count_of(target, "SELECT count(*) FROM runs") == 0);
  const auto result = merge_shard(target, history.file, {.partial = true});
  CHECK(result.runs.size() == 4);
  testing::check_database_consistent(target);
  // The target also records what it merged.
  CHECK(count_of(target, "SELECT count(*) FROM merged_shards") == 4);
  CHECK(testing::digest_without(testing::database_digest(target), "merged_shards") ==
        testing::database_digest(history.file));
}

TEST_CASE("merge refuses another config fingerprint, an unfinished run, a newer schema, itself") {
  four_shards night;
  merge_shard(night.target, night.shards[0], {});
  const auto before = testing::database_digest(night.target);

  const auto other_config = night.dir.path() / "other-config.db";
  testing::write_shard_database(
      other_config,
      {.shard = run_shard{1, 4}, .config_hash = "fingerprint-2", .urls = {"https://c.example/"}});
  CHECK_THROWS_WITH_AS(merge_shard(night.target, other_config, {}),
                       doctest::Contains("another config fingerprint"), merge_refused);

  const auto unfinished = night.dir.path() / "unfinished.db";
  testing::write_shard_database(unfinished, {.shard = run_shard{2, 4},
                                             .urls = {"https://d.example/"},
                                             .status = run_status::interrupted,
                                             .pending = {"https://e.example/"}});
  CHECK_THROWS_WITH_AS(merge_shard(night.target, unfinished, {}),
                       doctest::Contains("is interrupted, not done"), merge_refused);

  const auto newer = night.dir.path() / "newer.db";
  { store created(newer); }
  sqlite_db(newer).exec("PRAGMA user_version = " + std::to_string(store_schema_version() + 1));
  CHECK_THROWS_WITH_AS(merge_shard(night.target, newer, {}), doctest::Contains("newer"),
                       merge_refused);
  CHECK_THROWS_WITH_AS(merge_shard(night.target, night.target, {}),
                       doctest::Contains("the target database itself"), merge_refused);
  CHECK_THROWS_WITH_AS(merge_shard(night.target, night.dir.path() / "missing.db", {}),
                       doctest::Contains("no such database file"), merge_refused);
  CHECK_FALSE(std::filesystem::exists(night.dir.path() / "missing.db"));
  CHECK(testing::database_digest(night.target) == before);

  // With --partial the unfinished shard joins, its pending site still pending, and the run is
  // no longer done.
  merge_shard(night.target, unfinished, {.partial = true});
  CHECK(count_of(night.target, "SELECT count(*) FROM sites WHERE finished_at IS NULL") == 1);
  CHECK(count_of(night.target, "SELECT count(*) FROM runs WHERE status = 'interrupted'") == 1);
}

TEST_CASE("a site in two shards of one label fails that shard whole") {
  four_shards night;
  merge_shard(night.target, night.shards[0], {});
  const auto before = testing::database_digest(night.target);
  const auto overlapping = night.dir.path() / "overlap.db";
  testing::write_shard_database(
      overlapping,
      {.shard = run_shard{1, 4}, .urls = {"https://z.example/", "https://a0.example/"}});
  CHECK_THROWS_AS(merge_shard(night.target, overlapping, {}), sqlite_error);
  CHECK(testing::database_digest(night.target) == before);
}

}  // namespace geocrawl
