#pragma once
// geocrawl's configuration (TOML). Loading is strict: an unknown key, a wrong type or a
// value out of range is an error naming the file, line and key, never silently ignored.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/fetch_limits.hpp"
#include "crawler/request_profile.hpp"
#include "crawler/tls_settings.hpp"
#include "proxies/address_policy.hpp"

namespace geocrawl {

struct vantage_settings {
  std::string name;
  bool baseline = false;
  request_profile profile;
};

// [geoip]: where exit addresses are geolocated.
struct geoip_settings {
  std::string database;         // empty: the shipped country database
  std::string second_database;  // empty: none; else an exit is ok only when both agree
};

struct config {
  std::string source;  // the file it came from, or "built-in default"
  geoip_settings geoip;
  tls_settings tls;
  fetch_limits limits;
  std::vector<ip_network> allow_networks;
  std::vector<vantage_settings> vantages;  // at least one
};

class config_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One direct vantage with a desktop browser profile; used without --config.
config default_config();

// Throws config_error with "FILE:LINE: KEY: what is wrong".
config load_config(const std::filesystem::path& file);
config parse_config(std::string_view toml_text, std::string_view source_name);

}  // namespace geocrawl
