#pragma once
// What the store's readers (export_reader, evidence_reader) share: a read connection to a
// database brought to the current schema first, and finding a run in it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/store/registrar_record.hpp"

namespace geocrawl {

class sqlite_db;

// Brings an older database to the current schema first (a write, through store), then opens
// a connection of its own for reading. Throws sqlite_error.
std::unique_ptr<sqlite_db> open_migrated(const std::filesystem::path& file);

// The newest crawl run not pruned, or the newest run of any kind when there has been no crawl;
// nullopt when the database holds no such run.
std::optional<std::int64_t> latest_run_id(sqlite_db& db);
// Every run's id, newest first.
std::vector<std::int64_t> run_ids(sqlite_db& db);
// The names of the vantages with a view in the run, sorted.
std::vector<std::string> run_vantages(sqlite_db& db, std::int64_t run_id);

// The newest RDAP lookup of `domain` made at or after `not_before` (UTC, ISO 8601; "" for
// any), found or failed; nullopt when there is none this build can read. Defined in
// store_registrars.cpp, beside the writes.
std::optional<registrar_record> newest_registrar_lookup(sqlite_db& db, std::string_view domain,
                                                        std::string_view not_before);

// A filter's values as a JSON array for json_each, so they reach SQL only as one bound
// parameter; "" (bound as NULL by bind_optional) when there is no filter.
std::string json_list(const std::vector<std::string>& values);

// A list of strings as a column's JSON array ("[]" for none: a registrar's name servers, a
// certificate's names), and read back; anything else (a hand-edited row) reads as no items.
std::string to_json_array(const std::vector<std::string>& items);
std::vector<std::string> from_json_array(const std::string& text);

}  // namespace geocrawl
