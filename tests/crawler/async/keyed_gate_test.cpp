#include "crawler/async/keyed_gate.hpp"

#include <map>
#include <string>
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
using namespace std::chrono_literals;

namespace {

struct visits {
  std::map<std::string, int> now;
  std::map<std::string, int> most;
  std::map<std::string, std::vector<keyed_gate::clock::time_point>> starts;
};

asio::awaitable<void> visit(keyed_gate& gate, visits& seen, std::string key,
                            std::chrono::milliseconds stay) {
  auto pass = co_await gate.enter(key);
  seen.starts[key].push_back(keyed_gate::clock::now());
  seen.most[key] = std::max(seen.most[key], ++seen.now[key]);
  asio::steady_timer hold(co_await asio::this_coro::executor, stay);
  co_await hold.async_wait(asio::as_tuple(asio::use_awaitable));
  --seen.now[key];
}

}  // namespace

TEST_CASE("each key has its own limit, and keys are forgotten when nobody uses them") {
  asio::io_context io;
  keyed_gate gate(
      [](std::string_view key) { return key == "wide.example" ? std::size_t{3} : std::size_t{1}; },
      0ms);
  visits seen;
  for (int i = 0; i < 4; ++i) {
    asio::co_spawn(io, visit(gate, seen, "narrow.example", 5ms), asio::detached);
    asio::co_spawn(io, visit(gate, seen, "wide.example", 5ms), asio::detached);
  }
  io.run_for(5s);
  CHECK(seen.most["narrow.example"] == 1);
  CHECK(seen.most["wide.example"] == 3);
  CHECK(seen.starts["narrow.example"].size() == 4);
  CHECK(gate.keys() == 0);
}

TEST_CASE("spacing holds the starts of one key apart, not those of different keys") {
  asio::io_context io;
  keyed_gate gate([](std::string_view) { return std::size_t{8}; }, 100ms);
  visits seen;
  for (int i = 0; i < 3; ++i)
    asio::co_spawn(io, visit(gate, seen, "polite.example", 1ms), asio::detached);
  asio::co_spawn(io, visit(gate, seen, "other.example", 1ms), asio::detached);
  const auto began = keyed_gate::clock::now();
  io.run_for(5s);
  const auto& starts = seen.starts["polite.example"];
  REQUIRE(starts.size() == 3);
  CHECK(starts[1] - starts[0] >= 95ms);  // recorded just after each claim
  CHECK(starts[2] - starts[1] >= 95ms);
  REQUIRE(seen.starts["other.example"].size() == 1);
  CHECK(seen.starts["other.example"][0] - began < 90ms);  // not held behind the polite host's turns
}

}  // namespace geocrawl
