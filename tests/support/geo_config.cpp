#include "tests/support/geo_config.hpp"

#include "tests/support/test_geoip.hpp"

namespace geocrawl::testing {

std::string config_toml(const geo_config& settings) {
  return "[geoip]\ndatabase = \"" + std::string(test_country_db) + "\"\n" + settings.more_geoip +
         "\n[verify]\necho_url = \"" + settings.echo_url + "\"\n" + settings.more_verify +
         "\n[limits]\ntimeout_s = " + std::to_string(settings.timeout_s) +
         "\nconnect_timeout_s = 2\nread_timeout_s = 2\nallow_networks = [\"127.0.0.0/8\"]\n\n" +
         settings.proxies + "\n" + settings.vantages;
}

std::string proxy_entry(std::string_view name, const std::string& url, std::string_view country) {
  return "[[proxy]]\nname = \"" + std::string(name) + "\"\nurl = \"" + url + "\"\ncountry = \"" +
         std::string(country) + "\"\n";
}

handler echo_caller_ip() {
  return [](const received_request& request) {
    return http_response(200, {{"Content-Type", "application/json"}},
                         R"({"ip":")" + request.peer_address + "\"}");
  };
}

}  // namespace geocrawl::testing
