#include "crawler/store/network_reader.hpp"

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store_reading.hpp"

namespace geocrawl {

network_reader::network_reader(const std::filesystem::path& file) : db_(open_migrated(file)) {}

network_reader::~network_reader() = default;

run_lookup network_reader::look_up(std::int64_t run_id) { return look_up_run(*db_, run_id); }

std::optional<std::int64_t> network_reader::latest_run() { return latest_run_id(*db_); }

void network_reader::sites(std::int64_t run_id,
                           const std::function<void(const network_site_row&)>& each) {
  auto query = db_->prepare(
      "SELECT id, url, coalesce(verdict, '') FROM sites "
      "WHERE run_id = ? AND finished_at IS NOT NULL ORDER BY id");
  query.bind(1, run_id);
  network_site_row row;
  while (query.step()) {
    row.site_id = query.column_int(0);
    row.url = query.column_text(1);
    row.verdict = query.column_text(2);
    each(row);
  }
}

void network_reader::identifiers(std::int64_t run_id,
                                 const std::function<void(const identifier_row&)>& each) {
  auto query = db_->prepare(R"sql(
SELECT i.kind, i.value, v.site_id, i.view_id
FROM view_identifiers i JOIN views v ON v.id = i.view_id JOIN sites s ON s.id = v.site_id
WHERE s.run_id = ? AND s.finished_at IS NOT NULL
ORDER BY i.kind, i.value, v.site_id, i.view_id
)sql");
  query.bind(1, run_id);
  identifier_row row;
  while (query.step()) {
    row.kind = query.column_text(0);
    row.value = query.column_text(1);
    row.site_id = query.column_int(2);
    row.view_id = query.column_int(3);
    each(row);
  }
}

std::int64_t network_reader::distinct_sites() {
  auto query = db_->prepare("SELECT count(DISTINCT url) FROM sites WHERE finished_at IS NOT NULL");
  query.step();
  return query.column_int(0);
}

void network_reader::widespread(
    std::int64_t above,
    const std::function<void(std::string_view kind, std::string_view value)>& each) {
  auto query = db_->prepare(R"sql(
SELECT i.kind, i.value
FROM view_identifiers i JOIN views v ON v.id = i.view_id JOIN sites s ON s.id = v.site_id
GROUP BY i.kind, i.value HAVING count(DISTINCT s.url) > ?
)sql");
  query.bind(1, above);
  while (query.step()) each(query.column_text(0), query.column_text(1));
}

std::vector<network_member_row> network_members_of(sqlite_db& db, std::int64_t run_id) {
  auto& query = db.cached(
      "SELECT network_id, site_id, url FROM network_members WHERE run_id = ? "
      "ORDER BY network_id, url");
  query.bind(1, run_id);
  std::vector<network_member_row> rows;
  while (query.step()) {
    rows.push_back({query.column_int(0), query.column_int(1), query.column_text(2)});
  }
  query.reset();
  return rows;
}

std::vector<network_member_row> network_reader::earlier_networks(std::int64_t run_id) {
  auto query = db_->prepare("SELECT max(run_id) FROM network_numberings WHERE run_id <= ?");
  query.bind(1, run_id);
  if (!query.step() || query.column_is_null(0)) return {};
  return network_members_of(*db_, query.column_int(0));
}

std::int64_t network_reader::next_network_id() {
  auto query = db_->prepare("SELECT coalesce(max(network_id), 0) + 1 FROM network_members");
  query.step();
  return query.column_int(0);
}

std::vector<std::int64_t> network_reader::views_of(std::int64_t site_id) {
  auto& query = db_->cached("SELECT id FROM views WHERE site_id = ? ORDER BY id");
  query.bind(1, site_id);
  std::vector<std::int64_t> views;
  while (query.step()) views.push_back(query.column_int(0));
  return views;
}

std::string network_reader::registrar(std::string_view domain) {
  const auto lookup = newest_registrar_lookup(*db_, domain, "");
  return lookup ? lookup->registrar : std::string();
}

std::string network_reader::view_vantage(std::int64_t view_id) {
  auto& query = db_->cached("SELECT vantage FROM views WHERE id = ?");
  query.bind(1, view_id);
  return query.step() ? query.column_text(0) : std::string();
}

std::vector<std::string> network_reader::name_servers(std::string_view domain) {
  auto lookup = newest_registrar_lookup(*db_, domain, "");
  return lookup ? std::move(lookup->name_servers) : std::vector<std::string>{};
}

}  // namespace geocrawl
