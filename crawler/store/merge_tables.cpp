#include "crawler/store/merge_tables.hpp"

#include <algorithm>

#include "crawler/store/sqlite.hpp"

namespace geocrawl {

namespace {

constexpr merge_reference to_run[] = {{"run_id", "runs"}};
constexpr merge_reference to_view[] = {{"view_id", "views"}};
constexpr merge_reference view_references[] = {{"site_id", "sites"},
                                               {"exit_check_id", "proxy_checks"}};
constexpr merge_reference comparison_references[] = {
    {"site_id", "sites"}, {"vantage_view_id", "views"}, {"baseline_view_id", "views"}};

constexpr merge_table tables[] = {
    {"runs", merge_rows::folded_by_label, {}},
    {"proxy_checks", merge_rows::renumbered, to_run},
    {"sites", merge_rows::renumbered, to_run},
    {"bodies", merge_rows::kept_first, {}},
    {"views", merge_rows::renumbered, view_references},
    {"view_redirects", merge_rows::copied, to_view},
    {"view_headers", merge_rows::copied, to_view},
    {"view_drugs", merge_rows::copied, to_view},
    {"view_phrases", merge_rows::copied, to_view},
    {"view_script_redirects", merge_rows::copied, to_view},
    {"rendered_views", merge_rows::copied, to_view},
    {"rendered_requests", merge_rows::copied, to_view},
    {"view_identifiers", merge_rows::copied, to_view},
    {"view_favicons", merge_rows::copied, to_view},
    {"comparisons", merge_rows::renumbered, comparison_references},
    // Every shard of a night reads the whole sites file, so each keeps the same rejected lines.
    {"input_errors", merge_rows::kept_first, to_run},
    {"rdap_lookups", merge_rows::kept_first, {}},
    {"analyses", merge_rows::kept_first, {}},
    {"database_identity", merge_rows::not_copied, {}},
    // A shard's network numbers cover only its own sites (one network may span shards):
    // `geocrawl networks` numbers the merged run's networks over the target, continuing the
    // numbers of earlier merged nights there.
    {"network_members", merge_rows::not_copied, {}},
    {"network_numberings", merge_rows::not_copied, {}},
    // A shard that is itself a merge target passes on what it merged, so merging its sources
    // into the same target afterwards changes nothing either. No foreign key (migration 15).
    {"merged_shards", merge_rows::kept_first, to_run},
};

const merge_table* find_table(std::string_view name) {
  const auto* found = std::find_if(std::begin(tables), std::end(tables),
                                   [&](const merge_table& table) { return table.name == name; });
  return found == std::end(tables) ? nullptr : found;
}

bool remaps(const merge_table& table, std::string_view column, std::string_view parent) {
  return std::any_of(table.references.begin(), table.references.end(),
                     [&](const merge_reference& reference) {
                       return reference.column == column && reference.table == parent;
                     });
}

}  // namespace

std::span<const merge_table> merge_tables() { return tables; }

std::vector<std::string> merge_list_gaps(sqlite_db& db) {
  std::vector<std::string> gaps;
  auto names = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY "
      "name");
  while (names.step()) {
    const auto name = names.column_text(0);
    const auto* table = find_table(name);
    if (table == nullptr) {
      gaps.push_back("table " + name +
                     " is not in the merge list (crawler/store/merge_tables.cpp)");
      continue;
    }
    // A table not copied carries nothing across, so its keys need no remapping.
    if (table->rows == merge_rows::not_copied) continue;
    auto keys = db.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)");
    keys.bind(1, name);
    while (keys.step()) {
      const auto column = keys.column_text(0);
      const auto parent = keys.column_text(1);
      // A key into bodies is a SHA-256, the same in every database: nothing to remap.
      const auto* parent_table = find_table(parent);
      const bool natural = parent_table != nullptr && parent_table->rows == merge_rows::kept_first;
      if (!natural && !remaps(*table, column, parent))
        gaps.push_back(name + "." + column + " refers to " + parent +
                       " but the merge list does not remap it");
    }
    if (table->rows == merge_rows::renumbered) {
      auto id =
          db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name = 'id' AND pk = 1");
      id.bind(1, name);
      id.step();
      if (id.column_int(0) != 1) gaps.push_back(name + " is renumbered but has no id key");
    }
  }
  for (const auto& table : tables) {
    auto exists =
        db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    exists.bind(1, table.name);
    exists.step();
    if (exists.column_int(0) == 0)
      gaps.push_back("the merge list names " + std::string(table.name) + ", which is no table");
  }
  return gaps;
}

}  // namespace geocrawl
