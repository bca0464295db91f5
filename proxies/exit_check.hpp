#pragma once
// A proxy's exit check as reported and stored: plain records, so the store and the
// reports need no network headers. How a check is judged: exit_verification.hpp.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

enum class proxy_status {
  ok,          // the exit was seen and geolocates to the declared country
  mismatch,    // it geolocates elsewhere, nowhere, or the two databases disagree
  dead,        // the check could not get through the proxy
  unverified,  // no echo URL: only the proxy's own address could be geolocated
};

// "ok", "mismatch", "dead", "unverified".
std::string_view to_string(proxy_status status) noexcept;

struct exit_location {
  std::optional<std::string> country;  // the first database's answer
  std::string build;                   // which build answered
  bool has_second = false;
  std::optional<std::string> second_country;
  std::string second_build;
};

// The build that placed an exit, "first + second" with a second database: what views record.
std::string geoip_builds(const exit_location& location);

struct exit_verdict {
  proxy_status status = proxy_status::dead;
  std::string reason;  // one sentence for the report when not ok
};

// The direct vantage's exit is checked like a proxy's, through the echo URL, and reported
// and stored among the proxy checks under this name; its declared country is empty, and it
// is `ok` when the GeoIP databases place it (and agree). The store finds the check a direct
// view relied on by it.
inline constexpr std::string_view direct_check_name = "direct";

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
  // Taken from the store (an earlier `proxies check` younger than [verify] every_s) rather
  // than made by this command; recorded again with the run that relied on it.
  bool reused = false;
};

}  // namespace geocrawl
