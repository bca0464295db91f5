#pragma once
// `geocrawl geoip IP...`: which country the configured GeoIP database(s) give an address,
// for checking a database or a proxy's exit by hand.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace geocrawl {

struct geoip_command_options {
  std::vector<std::string> addresses;
  std::optional<std::string> config_file;  // its [geoip] database and second_database
  std::optional<std::string> geoip_db;     // this database alone, instead of a config
  bool json = false;
};

// Exit status 0 once every address is answered, found or not. Throws usage_error for a
// bad argument and config_error for a database that cannot be opened (exit status 2), and
// geoip_error when a lookup finds the database corrupt.
int run_geoip_command(const geoip_command_options& options, std::ostream& out);

}  // namespace geocrawl
