#include "crawler/batch/exit_rechecker.hpp"

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/async/gather.hpp"
#include "crawler/vantage/geoip_databases.hpp"
#include "crawler/vantage/proxy_check.hpp"
#include "crawler/view/timestamp.hpp"

namespace geocrawl {

namespace asio = boost::asio;

void apply_recheck(proxy_pool& pool, std::size_t index, const proxy_check& check,
                   std::vector<exit_move>& moves) {
  if (pool.withdrawn(index)) return;
  switch (check.verdict.status) {
    case proxy_status::ok:
      pool.confirm(index, check.exit_ip, geoip_builds(check.location), check.checked_at);
      return;
    case proxy_status::mismatch:
    case proxy_status::unverified:
      pool.withdraw(index);
      moves.push_back({pool.member(index).name, pool.member(index).country,
                       check.location.country.value_or(""), check.checked_at});
      return;
    case proxy_status::dead:
      return;
  }
}

struct exit_rechecker::impl {
  const config& settings;
  proxy_pool& pool;
  const fetch_environment& environment;
  record_check record;
  geoip_databases geoip;
  std::vector<exit_move> moves;
  std::optional<asio::steady_timer> period;  // made on run()'s executor
  bool soon = false;
  bool stopped = false;

  asio::awaitable<void> check_all() {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < pool.size(); ++i)
      if (!pool.withdrawn(i)) members.push_back(i);
    // Each check is bounded by [limits] timeout_s, like a view.
    const auto checks = co_await gather<proxy_check>(
        members.size(),
        [&](std::size_t i) {
          return check_proxy(pool.member(members[i]), settings.verify, geoip, settings.limits,
                             environment);
        },
        [&](std::size_t i, const std::string& what) {
          proxy_check failed;
          failed.name = pool.member(members[i]).name;
          failed.url = pool.member(members[i]).endpoint.redacted();
          failed.declared_country = pool.member(members[i]).country;
          failed.checked_at = utc_timestamp();
          failed.verdict = {proxy_status::dead, "internal error: " + what};
          return failed;
        });
    for (std::size_t i = 0; i < members.size(); ++i) {
      // Stored before the pool changes: a view that relies on the check comes later.
      record(checks[i]);
      apply_recheck(pool, members[i], checks[i], moves);
    }
  }
};

exit_rechecker::exit_rechecker(const config& settings, proxy_pool& pool,
                               const fetch_environment& environment, record_check record)
    : impl_(new impl{settings,
                     pool,
                     environment,
                     std::move(record),
                     open_geoip_databases(settings),
                     {},
                     std::nullopt}) {}

exit_rechecker::~exit_rechecker() = default;

asio::awaitable<void> exit_rechecker::run() {
  auto& state = *impl_;
  if (state.settings.verify.every.count() == 0 || state.pool.size() == 0) co_return;
  state.period.emplace(co_await asio::this_coro::executor);
  // Each pass waits a period (or is woken by check_soon) and checks every member once; it
  // ends when the crawl stops it or stops the io_context.
  while (!state.stopped) {
    if (!state.soon) {
      state.period->expires_after(state.settings.verify.every);
      co_await state.period->async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (state.stopped) break;
    state.soon = false;
    co_await state.check_all();
  }
}

void exit_rechecker::check_soon() {
  impl_->soon = true;
  if (impl_->period) impl_->period->cancel();
}

void exit_rechecker::stop() {
  impl_->stopped = true;
  if (impl_->period) impl_->period->cancel();
}

const std::vector<exit_move>& exit_rechecker::moves() const noexcept { return impl_->moves; }

}  // namespace geocrawl
