#include "crawler/store/store_reading.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"

namespace geocrawl {

std::unique_ptr<sqlite_db> open_migrated(const std::filesystem::path& file) {
  { store migrated(file); }
  return std::make_unique<sqlite_db>(file);
}

std::optional<std::int64_t> latest_run_id(sqlite_db& db) {
  auto query = db.prepare(
      "SELECT id FROM runs WHERE pruning_started_at IS NULL "
      "ORDER BY command = 'crawl' DESC, id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  return query.column_int(0);
}

std::vector<std::int64_t> run_ids(sqlite_db& db) {
  auto query = db.prepare("SELECT id FROM runs ORDER BY id DESC");
  std::vector<std::int64_t> ids;
  while (query.step()) ids.push_back(query.column_int(0));
  return ids;
}

std::vector<std::string> run_vantages(sqlite_db& db, std::int64_t run_id) {
  auto query = db.prepare(
      "SELECT DISTINCT views.vantage FROM views JOIN sites ON sites.id = views.site_id "
      "WHERE sites.run_id = ? ORDER BY views.vantage");
  query.bind(1, run_id);
  std::vector<std::string> names;
  while (query.step()) names.push_back(query.column_text(0));
  return names;
}

std::string json_list(const std::vector<std::string>& values) {
  return values.empty() ? std::string() : boost::json::serialize(boost::json::value_from(values));
}

std::string to_json_array(const std::vector<std::string>& items) {
  return boost::json::serialize(boost::json::value_from(items));
}

std::vector<std::string> from_json_array(const std::string& text) {
  std::vector<std::string> items;
  boost::system::error_code error;
  const auto parsed = boost::json::parse(text, error);
  if (error || !parsed.is_array()) return items;
  for (const auto& item : parsed.get_array()) {
    if (item.is_string()) items.emplace_back(item.get_string());
  }
  return items;
}

}  // namespace geocrawl
