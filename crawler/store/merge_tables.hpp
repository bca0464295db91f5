#pragma once
// Every table of the schema and how `geocrawl merge` carries its rows from a shard's database
// into the target: the one list the merge is driven by. A table added by a later migration must
// be named here, or merging would silently drop it: merge_list_gaps finds such a table, and a
// unit test over a freshly migrated database fails on it.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

class sqlite_db;

enum class merge_rows {
  folded_by_label,  // runs: a shard run joins the target's run of the same label, or is added
  renumbered,       // an INTEGER PRIMARY KEY id: each row gets a new id past the target's largest
  copied,           // rows keyed by renumbered ids only: new ids, so never met before
  kept_first,       // a natural key (a body's SHA-256, a lookup's domain and time): a row the
                    // target already has stays as it is, so a body is stored once
  not_copied,       // the database's own, not its evidence (database_identity)
};

// A column that holds an id of a renumbered (or folded) table, rewritten through its map.
struct merge_reference {
  std::string_view column;
  std::string_view table;
};

struct merge_table {
  std::string_view name;
  merge_rows rows;
  std::span<const merge_reference> references;
};

// Parents before children: a row is copied after every row it refers to.
std::span<const merge_table> merge_tables();

// What the list does not account for in this database: a table it does not name, a foreign key
// it does not remap, a renumbered table without an integer id. Empty when the merge is complete.
std::vector<std::string> merge_list_gaps(sqlite_db& db);

}  // namespace geocrawl
