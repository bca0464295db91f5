#pragma once
// geocrawl's configuration (TOML). Loading is strict: an unknown key, a wrong type or a
// value out of range is an error naming the file, line and key, never silently ignored.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/config/config_error.hpp"
#include "crawler/config/crawl_settings.hpp"
#include "crawler/config/env_expansion.hpp"
#include "crawler/config/network_settings.hpp"
#include "crawler/config/output_settings.hpp"
#include "crawler/config/rdap_settings.hpp"
#include "crawler/config/render_settings.hpp"
#include "crawler/config/retention_settings.hpp"
#include "crawler/http/fetch_limits.hpp"
#include "crawler/http/request_profile.hpp"
#include "crawler/http/tls_settings.hpp"
#include "crawler/view/rendered_page.hpp"
#include "proxies/address_policy.hpp"
#include "proxies/proxy_pool.hpp"
#include "proxies/proxy_url.hpp"

namespace geocrawl {

struct vantage_settings {
  std::string name;
  bool baseline = false;
  std::string country;  // ISO 3166-1 alpha-2; empty: a direct fetch from this machine
  request_profile profile;
  // render = true: the view is also rendered by headless Chromium through the same exit, as this
  // browser: the profile's user agent and Accept-Language, the time zone and locale of the
  // country (config/country_emulation) or of the vantage's own time_zone and locale keys. A
  // direct vantage without those keys keeps the machine's own.
  std::optional<render_emulation> render;
};

// [verify]: how a proxy's exit country is checked before any vantage uses it.
enum class verify_mode {
  strict,    // only proxies whose exit was verified in the declared country are used
  per_site,  // strict, and each view through a proxy bracketed by checks (exit_brackets)
  off,       // every proxy is used for its declared country, unchecked (views say so)
};

// "strict", "per_site", "off".
std::string_view to_string(verify_mode mode) noexcept;

struct verify_settings {
  std::string echo_url;  // answers with the caller's IP (plain text or {"ip": ...})
  verify_mode mode = verify_mode::strict;
  // How often each proxy of a crawl is checked again, so a proxy whose exit moves to another
  // country leaves its country's pool; 0: only when the command starts.
  std::chrono::milliseconds every{300'000};
};

// One [[proxy]].
struct proxy_settings {
  std::string name;
  proxy_endpoint endpoint;  // from url; tunnel sets endpoint.plain_http
  std::string country;      // the declared exit country, ISO 3166-1 alpha-2
  int max_connections = 4;
  // A session-style proxy's user name, with {session} for the token geocrawl makes per site
  // (proxies/proxy_session.hpp); empty for an ordinary proxy.
  std::string session;
  std::chrono::milliseconds session_ttl{600'000};
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
  verify_settings verify;
  std::vector<proxy_settings> proxies;
  breaker_settings proxy_breaker;
  std::vector<vantage_settings> vantages;  // at least one
  crawl_settings crawl;
  render_settings render;
  rdap_settings rdap;
  retention_settings retention;
  network_settings networks;
  output_settings output;
};

// The built-in vantage beside the baseline `default` (a desktop Chrome in English): a
// Japanese visitor on a phone referred by Google. Both direct, so they compare profiles.
inline constexpr std::string_view search_visitor_vantage = "ja-search";

// Used without --config: two direct vantages that need no proxy, `default` (the baseline)
// and `ja-search`, so that a fetch compares out of the box.
config default_config();

// Throws config_error with "FILE:LINE: KEY: what is wrong". ${VAR} in any string value
// is taken from the environment.
config load_config(const std::filesystem::path& file,
                   const environment_lookup& environment = process_environment());
config parse_config(std::string_view toml_text, std::string_view source_name,
                    const environment_lookup& environment = process_environment());

}  // namespace geocrawl
