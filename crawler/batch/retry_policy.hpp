#pragma once
// Which failed views deserve another attempt, and when. A crawl runs unattended for
// hours: a site that timed out once or answered 503 under load is asked again after a
// growing, jittered pause (so retries of many sites do not arrive in step), while an
// answer that will not change — a 404, a DNS failure, a blocked address — is recorded
// as it is.
#include <chrono>

#include "crawler/view/view.hpp"

namespace geocrawl {

// Timeouts, refused or reset connections, a proxy that could not reach the target, and
// the statuses that say "later": 429, 502, 503, 504.
bool is_transient(const view& failed);

// For a bare domain fetched as https: the view failed at the connection (nothing
// listens on 443, no TLS there, or no HTTP over it), so http:// is worth trying.
bool worth_plain_http(const view& attempt);

// The pause before retry number `retry` (1 for the first): base * 2^(retry-1), scaled by
// `jitter` in [0, 1) to between 0.5x and 1.5x, at most five minutes.
std::chrono::milliseconds retry_delay(std::chrono::milliseconds base, int retry, double jitter);

}  // namespace geocrawl
