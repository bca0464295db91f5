#pragma once
// How proxy checks are shown: in `proxies check` and ahead of the views of a `fetch`.
// URLs are the redacted ones; nothing here can show a credential.
#include <ostream>
#include <vector>

#include <boost/json/array.hpp>

#include "proxies/exit_verification.hpp"

namespace geocrawl {

// [{"name", "url", "declared_country", "exit_ip", "exit_country", "geoip", "latency_ms",
//   "status", "reason", "checked_at"} + "second_country", "second_geoip" with a second DB]
boost::json::array proxy_checks_json(const std::vector<proxy_check>& checks);

// A table: name, declared country, exit IP, exit country, latency, status and reason.
void print_proxy_checks(std::ostream& out, const std::vector<proxy_check>& checks);

}  // namespace geocrawl
