#pragma once
// What `geocrawl networks` reads (crawler/cli/networks_command.cpp): a run's finished sites,
// its views' identifiers streamed in (kind, value) order for the linker (crawler/networks/),
// the identifiers seen on many sites across the whole database, a site's views (the far side of
// a sister link), registrars and their name servers, and the networks
// an earlier run was numbered with. Rows go to callbacks one at a time: memory stays flat.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/store/run_presence.hpp"

namespace geocrawl {

class sqlite_db;

struct network_site_row {
  std::int64_t site_id = 0;
  std::string url;
  std::string verdict;  // "" for a site not compared
};

struct identifier_row {
  std::string kind;  // parsers/page_identifier's word
  std::string value;
  std::int64_t site_id = 0;
  std::int64_t view_id = 0;
};

struct network_member_row {
  std::int64_t network_id = 0;
  std::int64_t site_id = 0;
  std::string url;
};

class sqlite_db;
// The networks kept for exactly `run_id` (none when it was not numbered), by network then URL:
// what `changes` compares and what a later numbering starts from.
std::vector<network_member_row> network_members_of(sqlite_db& db, std::int64_t run_id);

class network_reader {
 public:
  explicit network_reader(const std::filesystem::path& file);
  ~network_reader();

  run_lookup look_up(std::int64_t run_id);
  std::optional<std::int64_t> latest_run();

  // The run's finished sites, by id.
  void sites(std::int64_t run_id, const std::function<void(const network_site_row&)>& each);
  // The run's finished sites' identifiers, ordered by kind, value, site, view.
  void identifiers(std::int64_t run_id, const std::function<void(const identifier_row&)>& each);
  // Distinct site URLs over every run in the database.
  std::int64_t distinct_sites();
  // Each (kind, value) seen on more than `above` distinct site URLs over every run.
  void widespread(std::int64_t above,
                  const std::function<void(std::string_view kind, std::string_view value)>& each);
  // The networks the run was numbered with, or else those of the newest earlier run numbered.
  std::vector<network_member_row> earlier_networks(std::int64_t run_id);
  // One more than the highest network number ever given (1 in a new database).
  std::int64_t next_network_id();
  // The site's views, by id.
  std::vector<std::int64_t> views_of(std::int64_t site_id);
  // The newest registrar lookup of `domain` that found one: the registrar's name.
  std::string registrar(std::string_view domain);
  // The vantage a view was fetched from ("" for no such view): a link's evidence as the report
  // names it.
  std::string view_vantage(std::int64_t view_id);
  // The name servers the newest registrar lookup of `domain` gave, as the registry wrote them.
  std::vector<std::string> name_servers(std::string_view domain);

 private:
  std::unique_ptr<sqlite_db> db_;
};

}  // namespace geocrawl
