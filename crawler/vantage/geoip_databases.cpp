#include "crawler/vantage/geoip_databases.hpp"

namespace geocrawl {

geoip_database open_geoip_database(const std::filesystem::path& file, const std::string& named_by) {
  try {
    return geoip_database(file);
  } catch (const geoip_error& error) {
    throw config_error(named_by + ": " + error.what());
  }
}

geoip_databases open_geoip_databases(const config& settings) {
  geoip_databases databases{
      settings.geoip.database.empty()
          ? open_geoip_database(shipped_geoip_database(),
                                "the shipped database (scripts/setup.sh installs it)")
          : open_geoip_database(settings.geoip.database, settings.source + ": geoip.database"),
      std::nullopt};
  if (!settings.geoip.second_database.empty()) {
    databases.second = open_geoip_database(settings.geoip.second_database,
                                           settings.source + ": geoip.second_database");
  }
  return databases;
}

}  // namespace geocrawl
