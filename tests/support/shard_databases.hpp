#pragma once
// Shard databases written through the real store for the tests of `geocrawl merge`, and a digest
// of a database's content that leaves out what a merge may change (ids, when it merged), so
// that two databases can be compared as evidence.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/store/run_shard.hpp"
#include "crawler/store/run_status.hpp"

namespace geocrawl::testing {

struct shard_spec {
  std::string label = "night-1";
  std::optional<run_shard> shard;
  std::string config_hash = "fingerprint-1";
  std::vector<std::string> urls;  // each finished with a default and a jp view
  run_status status = run_status::done;
  std::vector<std::string> pending;  // listed, not finished
};

// One crawl run as the spec says: the jp views through proxy jp-1, whose check the run records
// and the views rely on; every site's default view serves one page shared by all sites (its
// body stored once) and its jp view a page of its own; the analyses kept; a registrar lookup
// per site; a rejected line of the sites file (line 1), the same in every shard.
void write_shard_database(const std::filesystem::path& file, const shard_spec& spec);

// Every table's rows in a canonical order, without ids, the columns that hold them or
// merged_shards.merged_at; and, joined, which run label, site and vantage each view and
// comparison belongs to, and which proxy's check of its run a view relied on.
std::string database_digest(const std::filesystem::path& file);

// The digest without one table's rows (its "== table" section left empty).
std::string digest_without(std::string digest, std::string_view table);

}  // namespace geocrawl::testing
