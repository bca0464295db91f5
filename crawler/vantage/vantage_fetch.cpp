#include "crawler/vantage/vantage_fetch.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/http/fetch_error.hpp"
#include "crawler/view/timestamp.hpp"
#include "crawler/view/view_errc.hpp"

namespace geocrawl {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

namespace {

// How often a view waiting for a proxy below its connection cap looks again.
constexpr std::chrono::milliseconds busy_poll{20};

// A direct view records the machine's exit, whatever became of the fetch: the exit is
// where the request left from, not something the site said.
void record_direct_exit(const vantage_request& request, view& record) {
  if (!request.country.empty()) return;
  record.exit_ip = request.direct.ip;
  record.exit_country = request.direct.country;
  record.exit_geoip = request.direct.geoip;
  record.exit_unverified = request.direct.unverified;
}

view failed_view(const vantage_request& request, view_error error) {
  view record;
  record_direct_exit(request, record);
  record.vantage = request.fetch.vantage;
  record.requested_url = request.fetch.url;
  record.fetched_at = utc_timestamp();
  record.error = std::move(error);
  return record;
}

view no_proxy_view(const vantage_request& request, std::string message) {
  return failed_view(
      request, make_view_error(dial_failure{dial_errc::no_proxy_for_country, std::move(message)}));
}

}  // namespace

view internal_error_view(const vantage_request& request, std::string what) {
  return failed_view(request, view_error{make_error_code(view_errc::internal), std::move(what)});
}

asio::awaitable<view> fetch_for_vantage(const vantage_request& request, const fetch_limits& limits,
                                        const fetch_environment& environment, proxy_pool& pool,
                                        std::string no_proxy_reason) {
  if (request.country.empty()) {
    auto record = co_await fetch_view(request.fetch, limits, environment);
    record_direct_exit(request, record);
    co_return record;
  }

  const auto deadline = clock::now() + limits.view_timeout;
  std::vector<std::size_t> tried;
  std::string failures;  // what each proxy tried did, for the final error
  asio::steady_timer wait(co_await asio::this_coro::executor);
  // Each pass either tries a new proxy (at most one per member) or waits for one that
  // is at its cap, until the view's deadline: both bound the loop.
  for (;;) {
    const auto lease = pool.acquire(request.country, tried, clock::now());
    if (lease.result == proxy_pool::outcome::all_busy && clock::now() < deadline) {
      wait.expires_after(busy_poll);
      co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (lease.result != proxy_pool::outcome::leased) {
      std::string message = "no verified proxy is left for " + request.country;
      if (lease.result == proxy_pool::outcome::all_busy)
        message = "every proxy for " + request.country + " stayed busy";
      if (!failures.empty())
        message += ": " + failures;
      else if (!no_proxy_reason.empty())
        message += ": " + no_proxy_reason;
      co_return no_proxy_view(request, std::move(message));
    }
    fetch_request attempt = request.fetch;
    attempt.proxy = &pool.member(lease.index);
    view record = co_await fetch_view(attempt, limits, environment);
    const bool proxy_fault = record.error && record.error->proxy_fault;
    pool.release(lease.index, proxy_fault, clock::now());
    if (!proxy_fault) co_return record;
    tried.push_back(lease.index);
    if (!failures.empty()) failures += "; ";
    failures += attempt.proxy->name + " failed (" + std::string(short_code(record.error->code)) +
                ": " + record.error->message + ")";
  }
}

}  // namespace geocrawl
