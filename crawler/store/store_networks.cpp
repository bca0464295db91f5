// The networks numbered for a run, kept so a later run's keep their numbers, and the fact that
// the run was numbered (also with no network).
#include <unordered_set>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"

namespace geocrawl {

void store::record_networks(std::int64_t run_id, const std::vector<network_member_row>& members) {
  sqlite_transaction transaction(*db_);
  db_->cached("DELETE FROM network_members WHERE run_id = ?").bind(1, run_id).run();
  auto& insert = db_->cached(
      "INSERT INTO network_members (run_id, site_id, network_id, url) VALUES (?, ?, ?, ?)");
  for (const auto& member : members) {
    insert.bind(1, run_id)
        .bind(2, member.site_id)
        .bind(3, member.network_id)
        .bind(4, member.url)
        .run();
    insert.reset();
  }
  std::unordered_set<std::int64_t> networks;
  for (const auto& member : members) networks.insert(member.network_id);
  db_->cached("INSERT OR REPLACE INTO network_numberings (run_id, networks) VALUES (?, ?)")
      .bind(1, run_id)
      .bind(2, static_cast<std::int64_t>(networks.size()))
      .run();
  transaction.commit();
}

}  // namespace geocrawl
