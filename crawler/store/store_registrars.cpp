// The store's registrar lookups (RDAP): each one kept, the newest one reused as the cache.
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/store/store_reading.hpp"

namespace geocrawl {

std::optional<registrar_record> newest_registrar_lookup(sqlite_db& db, std::string_view domain,
                                                        std::string_view not_before) {
  auto& query = db.cached(R"sql(
SELECT looked_up_at, outcome, error, server, registrar, registrar_iana_id, abuse_email,
       abuse_phone, registered_at, expires_at, last_changed_at, name_servers, statuses
FROM rdap_lookups WHERE domain = ? AND looked_up_at >= ?
ORDER BY looked_up_at DESC LIMIT 1
)sql");
  query.bind(1, domain).bind(2, not_before);
  std::optional<registrar_record> found;
  if (query.step()) {
    const auto outcome = parse_rdap_outcome(query.column_text(1));
    // A word this build does not know came from a newer geocrawl: as if never looked up.
    if (outcome) {
      found.emplace();
      found->domain = domain;
      found->looked_up_at = query.column_text(0);
      found->outcome = *outcome;
      found->error = query.column_text(2);
      found->server = query.column_text(3);
      found->registrar = query.column_text(4);
      found->registrar_iana_id = query.column_text(5);
      found->abuse_email = query.column_text(6);
      found->abuse_phone = query.column_text(7);
      found->registered_at = query.column_text(8);
      found->expires_at = query.column_text(9);
      found->last_changed_at = query.column_text(10);
      found->name_servers = from_json_array(query.column_text(11));
      found->statuses = from_json_array(query.column_text(12));
    }
  }
  query.reset();
  return found;
}

std::optional<registrar_record> store::recent_registrar(std::string_view domain,
                                                        std::string_view not_before) {
  // A lookup of a newer geocrawl's outcome reads as none: the domain is looked up again.
  return newest_registrar_lookup(*db_, domain, not_before);
}

void store::record_registrars(const std::vector<registrar_record>& records) {
  sqlite_transaction transaction(*db_);
  auto& insert = db_->cached(R"sql(
INSERT OR REPLACE INTO rdap_lookups (domain, looked_up_at, outcome, error, server, registrar,
  registrar_iana_id, abuse_email, abuse_phone, registered_at, expires_at, last_changed_at,
  name_servers, statuses)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
)sql");
  for (const auto& record : records) {
    insert.bind(1, record.domain)
        .bind(2, record.looked_up_at)
        .bind(3, to_string(record.outcome))
        .bind_optional(4, record.error)
        .bind_optional(5, record.server)
        .bind_optional(6, record.registrar)
        .bind_optional(7, record.registrar_iana_id)
        .bind_optional(8, record.abuse_email)
        .bind_optional(9, record.abuse_phone)
        .bind_optional(10, record.registered_at)
        .bind_optional(11, record.expires_at)
        .bind_optional(12, record.last_changed_at)
        .bind(13, to_json_array(record.name_servers))
        .bind(14, to_json_array(record.statuses))
        .run();
    insert.reset();
  }
  transaction.commit();
}

}  // namespace geocrawl
