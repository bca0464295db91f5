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

}  // namespace geocrawl
