#include "crawler/vantage/vantage_fetch.hpp"

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/http/fetch_error.hpp"
#include "crawler/view/timestamp.hpp"
#include "crawler/view/view_errc.hpp"
#include "proxies/proxy_session.hpp"

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
  record.exit_checked_at = request.direct.checked_at;
}

// How old the exit check was when the view started (fetched_at is stamped at its start).
void record_check_age(view& record) {
  const auto checked = parse_utc_timestamp(record.exit_checked_at);
  const auto started = parse_utc_timestamp(record.fetched_at);
  if (!checked || !started) return;
  record.exit_check_age =
      std::chrono::duration_cast<std::chrono::milliseconds>(*started - *checked);
}

view failed_view(const vantage_request& request, view_error error) {
  view record;
  record_direct_exit(request, record);
  record.vantage = request.fetch.vantage;
  record.requested_url = request.fetch.url;
  record.fetched_at = utc_timestamp();
  record.error = std::move(error);
  record_check_age(record);
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
                                        std::string no_proxy_reason, const exit_brackets* brackets,
                                        const view_renderer* renderer) {
  const bool renders = renderer != nullptr && request.render.has_value();
  if (request.country.empty()) {
    fetch_request direct = request.fetch;
    if (request.visit) direct.keeper = &request.visit->keeper();
    auto record = co_await fetch_view(direct, limits, environment);
    if (renders)
      record.rendered = co_await (*renderer)(request.fetch.url, std::nullopt, *request.render);
    record_direct_exit(request, record);
    record_check_age(record);
    co_return record;
  }

  // A bracketed view is checked through its proxy before and after: it starts afresh.
  vantage_visit* const visit = brackets ? nullptr : request.visit;
  const auto deadline = clock::now() + limits.view_timeout;
  std::vector<std::size_t> tried;
  std::string failures;  // what each proxy tried did, for the final error
  asio::steady_timer wait(co_await asio::this_coro::executor);
  // Each pass either tries a new proxy (at most one per member) or waits for one that
  // is at its cap, until the view's deadline: both bound the loop.
  for (;;) {
    // The visit's lease, whose connection is still open: the same proxy and session again.
    auto leased = visit ? visit->resume() : std::nullopt;
    std::optional<proxy_check> before;
    if (!leased) {
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
      // The member as the view relies on it: the pool's check, or the bracket's check before.
      leased = vantage_visit::held_lease{
          lease.index,
          in_session(pool.member(lease.index),
                     clock::now() - request.session_made < pool.member(lease.index).session_ttl
                         ? request.session_token
                         : new_session_token())};
    }
    const auto index = leased->index;
    auto& relied_on = leased->proxy;
    if (brackets) {
      before = co_await brackets->check(relied_on);
      brackets->record(*before);
      if (before->verdict.status != proxy_status::ok) {
        pool.release(index, true, clock::now());
        tried.push_back(index);
        if (!failures.empty()) failures += "; ";
        failures += relied_on.name + "'s check before the view is " +
                    std::string(to_string(before->verdict.status)) +
                    (before->verdict.reason.empty() ? "" : " (" + before->verdict.reason + ")");
        continue;
      }
      relied_on.exit_ip = before->exit_ip;
      relied_on.exit_country = before->location.country.value_or("");
      relied_on.geoip_build = geoip_builds(before->location);
      relied_on.checked_at = before->checked_at;
    }
    fetch_request attempt = request.fetch;
    attempt.proxy = &relied_on;
    attempt.keeper = visit ? &visit->keeper() : nullptr;
    view record = co_await fetch_view(attempt, limits, environment);
    const bool proxy_fault = record.error && record.error->proxy_fault;
    // The same exit as the served view: this proxy, this session. A proxy that failed the
    // served view is not asked again; the view goes to the next proxy and renders there.
    if (renders && !proxy_fault)
      record.rendered =
          co_await (*renderer)(request.fetch.url, relied_on.endpoint, *request.render);
    // Leased before the withdrawal, so a re-check found the exit in another country while
    // this view was served.
    record.exit_changed = pool.withdrawn(index);
    if (before) {
      const auto after = co_await brackets->check(relied_on);
      brackets->record(after);
      if (after.location.country && *after.location.country != relied_on.exit_country)
        record.exit_changed = true;
    }
    record_check_age(record);
    // A connection left open keeps its lease: a connection to the proxy that outlived its
    // lease would be one the pool no longer counts against the proxy's max_connections.
    if (visit && !proxy_fault && visit->keeper().holds()) {
      visit->hold(pool, std::move(*leased));
      co_return record;
    }
    if (visit) visit->keeper().close();
    pool.release(index, proxy_fault, clock::now());
    if (!proxy_fault) co_return record;
    tried.push_back(index);
    if (!failures.empty()) failures += "; ";
    failures += relied_on.name + " failed (" + std::string(short_code(record.error->code)) + ": " +
                record.error->message + ")";
  }
}

}  // namespace geocrawl
