#pragma once
// The GeoIP databases a command uses: [geoip] database (else the shipped one) and the
// optional second_database. A database that will not open is a configuration mistake,
// like a bad key: config_error, exit status 2.
#include <filesystem>
#include <optional>
#include <string>

#include "crawler/config/config.hpp"
#include "proxies/geoip.hpp"

namespace geocrawl {

struct geoip_databases {
  geoip_database first;
  std::optional<geoip_database> second;

  const geoip_database* second_or_null() const { return second ? &*second : nullptr; }
};

// `named_by` says where the file was named ("--geoip-db", "F: geoip.database").
geoip_database open_geoip_database(const std::filesystem::path& file, const std::string& named_by);

geoip_databases open_geoip_databases(const config& settings);

}  // namespace geocrawl
