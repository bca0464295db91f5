#pragma once
// [rdap]: who a site's registrar is, asked of the registry's RDAP server. Registries rate-limit
// and block clients that hammer them, so every knob here is about asking politely and rarely.
#include <chrono>
#include <string>

namespace geocrawl {

struct rdap_settings {
  bool enabled = true;
  std::string bootstrap;  // IANA's bootstrap registry for DNS (RFC 9224); empty: the shipped copy
  int refresh_days = 7;   // a domain's stored lookup, found or failed, is reused this long
  std::chrono::milliseconds timeout{15'000};  // one lookup, redirects and a 429 wait included
  // Between the starts of two requests to one RDAP server (host and port).
  std::chrono::milliseconds min_interval{1'000};
  // The longest Retry-After honoured; a server that asks for more is recorded as rate limited.
  std::chrono::milliseconds max_retry_after{30'000};
  int concurrency = 4;  // lookups in flight at once, over all servers
};

}  // namespace geocrawl
