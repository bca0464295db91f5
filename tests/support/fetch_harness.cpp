#include "tests/support/fetch_harness.hpp"

#include <future>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_future.hpp>

#include "crawler/http/fetch_view.hpp"
#include "crawler/http/tls_client.hpp"
#include "crawler/vantage/vantage_fetch.hpp"
#include "crawler/vantage/vantage_visit.hpp"
#include "proxies/address_policy.hpp"
#include "tests/support/static_resolver.hpp"

namespace geocrawl::testing {

fetch_limits harness_options::quick_limits() {
  fetch_limits limits;
  limits.view_timeout = std::chrono::milliseconds(3000);
  limits.connect_timeout = std::chrono::milliseconds(1000);
  limits.read_timeout = std::chrono::milliseconds(1000);
  limits.max_body_bytes = 1024 * 1024;
  return limits;
}

std::vector<view> fetch_in_one_visit(const std::vector<std::string>& urls,
                                     const harness_options& options,
                                     std::chrono::milliseconds idle_limit) {
  boost::asio::io_context io;
  static_resolver resolver(options.hosts);
  std::vector<ip_network> allow;
  for (const auto& network : options.allow_networks) allow.push_back(*parse_ip_network(network));
  const address_policy policy(std::move(allow));
  auto tls_context = make_tls_context({.verify = options.verify_tls, .ca_file = options.ca_file});
  const fetch_environment environment{resolver, policy, tls_context, options.verify_tls};
  proxy_pool pool(options.proxies, options.breaker);
  vantage_visit visit(idle_limit);
  auto fetch_all = [&]() -> boost::asio::awaitable<std::vector<view>> {
    std::vector<view> views;
    for (const auto& url : urls) {  // bounded by the caller's list
      const fetch_request request{url, "test", options.profile,
                                  options.proxies.empty() ? nullptr : &options.proxies[0]};
      vantage_request for_vantage{request, options.country, {}, "", {}};
      for_vantage.visit = &visit;
      views.push_back(
          co_await fetch_for_vantage(for_vantage, options.limits, environment, pool, ""));
    }
    co_return views;
  };
  auto result = boost::asio::co_spawn(io, fetch_all(), boost::asio::use_future);
  io.run();
  return result.get();
}

view fetch_for_test(const std::string& url, const harness_options& options) {
  return fetch_in_one_visit({url}, options).front();
}

pooled_proxy test_proxy(std::string name, const std::string& url, std::string country,
                        int max_connections) {
  auto endpoint = parse_proxy_url(url);
  if (!endpoint) throw std::invalid_argument("test_proxy: " + endpoint.error());
  return {.name = std::move(name),
          .endpoint = std::move(*endpoint),
          .country = std::move(country),
          .max_connections = max_connections};
}

}  // namespace geocrawl::testing
