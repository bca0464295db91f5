#pragma once
// [crawl]: how a batch crawl shares the network between sites, hosts and proxies, and how
// hard it tries again.
#include <chrono>

namespace geocrawl {

struct crawl_settings {
  int concurrency = 64;  // views being fetched at once, over all sites
  int per_host = 4;      // views being fetched at once from one host name
  // Rendered views ([[vantage]] render = true) in the browser at once, each with its own
  // DevTools connection; the others wait their turn (their served view is already fetched).
  int render_concurrency = 2;
  // Between the starts of two requests to one host; 0: no politeness delay.
  std::chrono::milliseconds host_delay{0};
  int retries = 2;  // further attempts of a view that failed transiently (timeout, 503, ...)
  std::chrono::milliseconds retry_backoff{
      2'000};  // before the first retry; doubled each time, jittered
};

}  // namespace geocrawl
