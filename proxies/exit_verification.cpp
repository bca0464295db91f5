#include "proxies/exit_verification.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "parsers/ascii.hpp"
#include "proxies/geoip.hpp"

namespace geocrawl {

namespace {

std::optional<boost::asio::ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(trim_ascii_whitespace(text)), ec);
  if (ec) return std::nullopt;
  return address;
}

std::string country_text(const std::optional<std::string>& country) {
  return country ? *country : "not found";
}

}  // namespace

std::optional<boost::asio::ip::address> parse_echo_body(std::string_view body) {
  // An echo service answers in a few bytes; a page this size is something else.
  if (body.size() > 4096) return std::nullopt;
  const auto text = trim_ascii_whitespace(body);
  if (text.empty()) return std::nullopt;
  if (text.front() != '{') return parse_address(text);
  boost::system::error_code ec;
  const auto document = boost::json::parse(text, ec);
  if (ec || !document.is_object()) return std::nullopt;
  for (const char* key : {"ip", "origin"}) {
    if (const auto* member = document.as_object().if_contains(key); member && member->is_string()) {
      return parse_address(member->as_string());
    }
  }
  return std::nullopt;
}

exit_location locate_exit(const boost::asio::ip::address& exit, const geoip_database& first,
                          const geoip_database* second) {
  exit_location location;
  location.country = first.country(exit);
  location.build = first.build();
  if (second) {
    location.has_second = true;
    location.second_country = second->country(exit);
    location.second_build = second->build();
  }
  return location;
}

exit_verdict judge_exit(std::string_view declared_country, const exit_location& location,
                        bool echo_seen) {
  if (!echo_seen) {
    return {proxy_status::unverified, "no [verify] echo_url: the proxy's own address is in " +
                                          country_text(location.country) +
                                          ", its exit was not seen"};
  }
  if (location.has_second && location.second_country != location.country) {
    return {proxy_status::mismatch,
            "the databases disagree: " + country_text(location.country) + " in " + location.build +
                ", " + country_text(location.second_country) + " in " + location.second_build};
  }
  if (!location.country)
    return {proxy_status::mismatch, "the exit address is not in " + location.build};
  if (*location.country != declared_country) {
    return {proxy_status::mismatch,
            "exits in " + *location.country + ", declared " + std::string(declared_country)};
  }
  return {proxy_status::ok, ""};
}

}  // namespace geocrawl
