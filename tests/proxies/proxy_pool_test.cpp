#include "proxies/proxy_pool.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

using namespace std::chrono_literals;
using clock = proxy_pool::clock;

pooled_proxy member(std::string name, std::string country, int max_connections = 4) {
  pooled_proxy proxy;
  proxy.name = std::move(name);
  proxy.country = std::move(country);
  proxy.max_connections = max_connections;
  return proxy;
}

std::string leased_name(proxy_pool& pool, std::string_view country,
                        const std::vector<std::size_t>& tried, clock::time_point now) {
  const auto lease = pool.acquire(country, tried, now);
  if (lease.result != proxy_pool::outcome::leased) return "";
  return pool.member(lease.index).name;
}

const clock::time_point t0{};

// Parks a lease whose holder, asked to give it up, counts the request and releases it.
proxy_pool::park_ticket park_counting(proxy_pool& pool, std::size_t index, int& given_up) {
  return pool.park(index, [&pool, index, &given_up] {
    ++given_up;
    pool.release(index, false, t0);
  });
}

}  // namespace

TEST_CASE("rotation takes each proxy of the country in turn and never another country's") {
  proxy_pool pool(
      {member("jp-1", "JP"), member("us-1", "US"), member("jp-2", "JP"), member("jp-3", "JP")}, {});
  std::vector<std::string> seen;
  for (int i = 0; i < 6; ++i) {
    const auto lease = pool.acquire("JP", {}, t0);
    REQUIRE(lease.result == proxy_pool::outcome::leased);
    seen.push_back(pool.member(lease.index).name);
    pool.release(lease.index, false, t0);
  }
  CHECK(seen == std::vector<std::string>{"jp-1", "jp-2", "jp-3", "jp-1", "jp-2", "jp-3"});
  CHECK(pool.size("JP") == 3);
  CHECK(pool.size("DE") == 0);
  CHECK(pool.acquire("DE", {}, t0).result == proxy_pool::outcome::none_left);
}

TEST_CASE("a proxy at its connection cap is skipped, and all at their caps is all_busy") {
  proxy_pool pool({member("jp-1", "JP", 1), member("jp-2", "JP", 2)}, {});
  const auto a = pool.acquire("JP", {}, t0);
  const auto b = pool.acquire("JP", {}, t0);
  const auto c = pool.acquire("JP", {}, t0);
  REQUIRE(c.result == proxy_pool::outcome::leased);
  CHECK(pool.member(a.index).name == "jp-1");
  CHECK(pool.member(b.index).name == "jp-2");
  CHECK(pool.member(c.index).name == "jp-2");
  CHECK(pool.acquire("JP", {}, t0).result == proxy_pool::outcome::all_busy);
  pool.release(a.index, false, t0);
  CHECK(leased_name(pool, "JP", {}, t0) == "jp-1");
}

TEST_CASE("failover skips the proxies already tried for this view") {
  proxy_pool pool({member("jp-1", "JP"), member("jp-2", "JP")}, {});
  const auto first = pool.acquire("JP", {}, t0);
  pool.release(first.index, true, t0);
  const auto second = pool.acquire("JP", {first.index}, t0);
  REQUIRE(second.result == proxy_pool::outcome::leased);
  CHECK(second.index != first.index);
  pool.release(second.index, true, t0);
  CHECK(pool.acquire("JP", {first.index, second.index}, t0).result ==
        proxy_pool::outcome::none_left);
}

TEST_CASE(
    "the breaker rests a proxy after consecutive faults and lets it try again after the rest") {
  proxy_pool pool({member("jp-1", "JP")}, {.failures_to_rest = 2, .rest = 10s});
  auto fail_once = [&](clock::time_point now) {
    const auto lease = pool.acquire("JP", {}, now);
    REQUIRE(lease.result == proxy_pool::outcome::leased);
    pool.release(lease.index, true, now);
  };
  fail_once(t0);
  CHECK(leased_name(pool, "JP", {}, t0) == "jp-1");  // one fault: still in rotation
  pool.release(0, false, t0);                        // a success resets the count
  fail_once(t0);
  fail_once(t0 + 1s);
  CHECK(pool.acquire("JP", {}, t0 + 2s).result == proxy_pool::outcome::none_left);
  CHECK(pool.acquire("JP", {}, t0 + 10s).result == proxy_pool::outcome::none_left);
  fail_once(t0 + 11s);  // back from rest, fails again: straight back to rest
  CHECK(pool.acquire("JP", {}, t0 + 12s).result == proxy_pool::outcome::none_left);
  const auto back = pool.acquire("JP", {}, t0 + 22s);
  REQUIRE(back.result == proxy_pool::outcome::leased);
  pool.release(back.index, false, t0 + 22s);
  fail_once(t0 + 23s);  // after a success, one fault does not rest it
  CHECK(leased_name(pool, "JP", {}, t0 + 23s) == "jp-1");
}

TEST_CASE("health counts each proxy's leases and faults and says whether it rests") {
  proxy_pool pool({member("jp-1", "JP"), member("jp-2", "JP")},
                  {.failures_to_rest = 1, .rest = 10s});
  const auto first = pool.acquire("JP", {}, t0);
  pool.release(first.index, true, t0);
  const auto second = pool.acquire("JP", {}, t0);
  pool.release(second.index, false, t0);
  REQUIRE(first.index != second.index);
  const auto failed = pool.health_of(first.index, t0 + 1s);
  CHECK(failed.leases == 1);
  CHECK(failed.faults == 1);
  CHECK(failed.resting);
  CHECK_FALSE(pool.health_of(first.index, t0 + 11s).resting);
  const auto fine = pool.health_of(second.index, t0 + 1s);
  CHECK(fine.leases == 1);
  CHECK(fine.faults == 0);
  CHECK_FALSE(fine.resting);
}

TEST_CASE("a target's failure does not count against the proxy") {
  proxy_pool pool({member("jp-1", "JP")}, {.failures_to_rest = 1, .rest = 10s});
  for (int i = 0; i < 5; ++i) {
    const auto lease = pool.acquire("JP", {}, t0);
    REQUIRE(lease.result == proxy_pool::outcome::leased);
    pool.release(lease.index, false, t0);
  }
  CHECK(leased_name(pool, "JP", {}, t0) == "jp-1");
}

TEST_CASE("a withdrawn proxy is never leased again, its lease in flight ends normally") {
  proxy_pool pool({member("jp-1", "JP"), member("jp-2", "JP")}, {});
  const auto in_flight = pool.acquire("JP", {}, t0);
  REQUIRE(pool.member(in_flight.index).name == "jp-1");
  pool.withdraw(in_flight.index);
  CHECK(pool.withdrawn(in_flight.index));
  for (int i = 0; i < 4; ++i) {
    const auto lease = pool.acquire("JP", {}, t0);
    REQUIRE(lease.result == proxy_pool::outcome::leased);
    CHECK(pool.member(lease.index).name == "jp-2");
    pool.release(lease.index, false, t0);
  }
  pool.release(in_flight.index, false, t0);
  CHECK(pool.acquire("JP", {1}, t0).result == proxy_pool::outcome::none_left);
}

TEST_CASE("a confirmed check is what the member's next views record") {
  proxy_pool pool({member("jp-1", "JP")}, {});
  pool.confirm(0, "127.0.0.12", "test 2024-06-17", "2026-11-27T01:00:00.250Z");
  CHECK(pool.member(0).exit_ip == "127.0.0.12");
  CHECK(pool.member(0).geoip_build == "test 2024-06-17");
  CHECK(pool.member(0).checked_at == "2026-11-27T01:00:00.250Z");
  CHECK_FALSE(pool.withdrawn(0));
}

TEST_CASE("the start of a rest is reported once per streak, not for every fault") {
  proxy_pool pool({member("jp-1", "JP"), member("jp-2", "JP")},
                  {.failures_to_rest = 2, .rest = 10s});
  std::vector<std::size_t> rested;
  pool.on_rest([&](std::size_t index) { rested.push_back(index); });
  const auto fail_once = [&](std::size_t index) {
    const auto lease = pool.acquire("JP", {index == 0 ? 1U : 0U}, t0);
    REQUIRE(lease.index == index);
    pool.release(lease.index, true, t0);
  };
  fail_once(1);
  CHECK(rested.empty());
  fail_once(1);
  CHECK(rested == std::vector<std::size_t>{1});
  fail_once(0);
  CHECK(rested == std::vector<std::size_t>{1});
}

TEST_CASE("a parked lease is given up only to a view that finds every proxy at its cap") {
  proxy_pool pool({member("jp-1", "JP", 1), member("jp-2", "JP", 1), member("us-1", "US", 1)}, {});
  const auto held = pool.acquire("JP", {}, t0);
  REQUIRE(held.result == proxy_pool::outcome::leased);
  int given_up = 0;
  const auto ticket = park_counting(pool, held.index, given_up);
  // A member with room is leased first, and another country's view never takes it.
  CHECK(leased_name(pool, "JP", {}, t0) == "jp-2");
  CHECK(leased_name(pool, "US", {}, t0) == "us-1");
  CHECK(pool.acquire("US", {}, t0).result == proxy_pool::outcome::all_busy);
  CHECK(given_up == 0);
  // Every JP member at its cap: the parked lease is given up, once, and its slot leased.
  CHECK(leased_name(pool, "JP", {}, t0) == "jp-1");
  CHECK(given_up == 1);
  CHECK(pool.acquire("JP", {}, t0).result == proxy_pool::outcome::all_busy);
  CHECK(given_up == 1);
  pool.unpark(ticket);  // spent already: nothing happens
}

TEST_CASE("an unparked lease is its holder's again, and a tried member's is not taken") {
  proxy_pool pool({member("jp-1", "JP", 1), member("jp-2", "JP", 1)}, {});
  const auto held = pool.acquire("JP", {}, t0);
  const auto other = pool.acquire("JP", {}, t0);
  REQUIRE(other.result == proxy_pool::outcome::leased);
  int given_up = 0;
  const auto ticket = park_counting(pool, held.index, given_up);
  // Every member at its cap, but the parked one was tried already by this view.
  CHECK(pool.acquire("JP", {held.index}, t0).result == proxy_pool::outcome::all_busy);
  CHECK(given_up == 0);
  pool.unpark(ticket);
  CHECK(pool.acquire("JP", {}, t0).result == proxy_pool::outcome::all_busy);
  CHECK(given_up == 0);
}

}  // namespace geocrawl
