#include "crawler/async/async_limit.hpp"

#include <vector>

#include <doctest/doctest.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace geocrawl {

namespace asio = boost::asio;

namespace {

struct occupancy {
  int now = 0;
  int most = 0;
  std::vector<int> order;  // who got a slot, in turn
};

asio::awaitable<void> hold_a_slot(async_limit& limit, occupancy& seen, int who) {
  auto slot = co_await limit.acquire();
  seen.order.push_back(who);
  seen.most = std::max(seen.most, ++seen.now);
  asio::steady_timer hold(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
  co_await hold.async_wait(asio::as_tuple(asio::use_awaitable));
  --seen.now;
}

}  // namespace

TEST_CASE("no more than the limit hold slots at once, and waiters are served in arrival order") {
  asio::io_context io;
  async_limit limit(2);
  occupancy seen;
  for (int who = 0; who < 7; ++who)
    asio::co_spawn(io, hold_a_slot(limit, seen, who), asio::detached);
  io.run_for(std::chrono::seconds(5));
  CHECK(seen.most == 2);
  CHECK(seen.order == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
  CHECK(limit.idle(2));
}

TEST_CASE("a waiter whose coroutine is destroyed leaves the queue") {
  async_limit limit(1);
  {
    asio::io_context io;
    occupancy seen;
    asio::co_spawn(io, hold_a_slot(limit, seen, 0), asio::detached);
    asio::co_spawn(io, hold_a_slot(limit, seen, 1), asio::detached);
    io.poll();  // the first holds the slot, the second waits
    CHECK(limit.waiting() == 1);
  }  // the io_context destroys both coroutines: the holder gives its slot back
  CHECK(limit.waiting() == 0);
  CHECK(limit.idle(1));
}

}  // namespace geocrawl
