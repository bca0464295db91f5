#pragma once
// Deciding whether a proxy really exits in the country it is declared for: read the exit
// address an echo service saw, geolocate it (in one or two databases), and judge.
// Pure functions; the fetching is the crawler's (crawler/proxy_check.cpp).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace geocrawl {

class geoip_database;

enum class proxy_status {
  ok,          // the exit was seen and geolocates to the declared country
  mismatch,    // it geolocates elsewhere, nowhere, or the two databases disagree
  dead,        // the check could not get through the proxy
  unverified,  // no echo URL: only the proxy's own address could be geolocated
};

// "ok", "mismatch", "dead", "unverified".
std::string_view to_string(proxy_status status) noexcept;

// The caller's address from an echo service's answer: the body is the address alone
// (surrounding whitespace allowed) or a JSON object with an "ip" member, as
// api.ipify.org?format=json, ifconfig.co/json and httpbin.org/ip ("origin") answer.
std::optional<boost::asio::ip::address> parse_echo_body(std::string_view body);

struct exit_location {
  std::optional<std::string> country;  // the first database's answer
  std::string build;                   // which build answered
  bool has_second = false;
  std::optional<std::string> second_country;
  std::string second_build;
};

exit_location locate_exit(const boost::asio::ip::address& exit, const geoip_database& first,
                          const geoip_database* second);

struct exit_verdict {
  proxy_status status = proxy_status::dead;
  std::string reason;  // one sentence for the report when not ok
};

// One proxy's check, as reported and stored.
struct proxy_check {
  std::string name;
  std::string url;  // redacted: never the credentials
  std::string declared_country;
  std::string exit_ip;  // as the echo service saw it; the proxy's own address when unverified
  exit_location location;
  exit_verdict verdict;
  std::chrono::milliseconds latency{0};  // of the echo fetch through the proxy
  std::string checked_at;                // UTC, ISO 8601
};

// echo_seen: the location is of an exit address an echo service reported (else of the
// proxy's own address, which can only give `unverified`).
exit_verdict judge_exit(std::string_view declared_country, const exit_location& location, bool echo_seen);

}  // namespace geocrawl
