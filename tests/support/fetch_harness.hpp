#pragma once
// Runs fetch_view to completion on its own io_context, so integration tests read like
// "fetch this, check the view" and need no Asio headers.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "crawler/http/connection_keeper.hpp"
#include "crawler/http/fetch_limits.hpp"
#include "crawler/http/request_profile.hpp"
#include "crawler/view/view.hpp"
#include "proxies/proxy_pool.hpp"

namespace geocrawl::testing {

struct harness_options {
  fetch_limits limits = quick_limits();
  request_profile profile;
  std::vector<std::string> allow_networks = {"127.0.0.1/32"};
  std::map<std::string, std::vector<std::string>> hosts;  // the static resolver's table
  std::string ca_file;  // extra trusted CA, e.g. a test_pki CA written to a temp_file
  bool verify_tls = true;
  // With a country, the view is fetched as a country vantage from a pool of these proxies
  // (failover, no_proxy_for_country); without, through the first of them, or directly.
  std::vector<pooled_proxy> proxies;
  std::string country;
  breaker_settings breaker;

  // Short enough that a test of a stalling server ends in well under a second.
  static fetch_limits quick_limits();
};

view fetch_for_test(const std::string& url, const harness_options& options = {});

// The URLs fetched one after another by one visitor, as a crawl fetches a site's page and then
// its favicon: a connection the server left open carries the next request (vantage_visit),
// unless it was idle longer than `idle_limit`.
std::vector<view> fetch_in_one_visit(
    const std::vector<std::string>& urls, const harness_options& options = {},
    std::chrono::milliseconds idle_limit = kept_connection_idle_limit);

// A proxy for the pool or a fixed route: `url` as in the config (parse_proxy_url).
pooled_proxy test_proxy(std::string name, const std::string& url, std::string country = "JP",
                        int max_connections = 4);

}  // namespace geocrawl::testing
