#pragma once
// Runs one coroutine per item at once on the caller's executor and resumes the caller
// when all are done, with their results in item order. A coroutine that throws has hit a
// bug, not a site's or a proxy's doing: its slot gets what `on_bug(index, what)` makes of
// it, and the others go on.
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace geocrawl {

template <class Result, class MakeTask, class OnBug>
boost::asio::awaitable<std::vector<Result>> gather(std::size_t count, MakeTask make_task,
                                                   OnBug on_bug) {
  namespace asio = boost::asio;
  const auto executor = co_await asio::this_coro::executor;
  std::vector<Result> results(count);
  std::size_t remaining = count;
  asio::steady_timer all_done(executor, asio::steady_timer::time_point::max());
  for (std::size_t i = 0; i < count; ++i) {
    asio::co_spawn(executor, make_task(i), [&, i](std::exception_ptr failure, Result result) {
      if (!failure) {
        results[i] = std::move(result);
      } else {
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& error) {
          results[i] = on_bug(i, std::string(error.what()));
        }
      }
      if (--remaining == 0) all_done.cancel();
    });
  }
  // Only the last task's completion ends this wait (the timer never expires by itself).
  while (remaining > 0) co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
  co_return results;
}

}  // namespace geocrawl
