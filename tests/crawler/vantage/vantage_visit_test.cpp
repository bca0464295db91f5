#include "crawler/vantage/vantage_visit.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace geocrawl {
namespace {

const auto now = proxy_pool::clock::now();

pooled_proxy member(std::string name) {
  return {.name = std::move(name), .country = "JP", .max_connections = 1};
}

// Leases the pool's one member, as fetch_for_vantage does before a view.
vantage_visit::held_lease leased_from(proxy_pool& pool) {
  const auto lease = pool.acquire("JP", {}, now);
  REQUIRE(lease.result == proxy_pool::outcome::leased);
  return {lease.index, pool.member(lease.index)};
}

}  // namespace

TEST_CASE("vantage visit: the visit's next request resumes the lease it held") {
  proxy_pool pool({member("jp-1")}, {});
  vantage_visit visit;
  visit.hold(pool, leased_from(pool));
  auto resumed = visit.resume();
  REQUIRE(resumed);
  CHECK(resumed->proxy.name == "jp-1");
  // In use again: nobody else gets it.
  CHECK(pool.acquire("JP", {}, now).result == proxy_pool::outcome::all_busy);
  visit.hold(pool, std::move(*resumed));
  visit.end();
  CHECK_FALSE(visit.resume());
  const auto after = pool.acquire("JP", {}, now);
  CHECK(after.result == proxy_pool::outcome::leased);
  // One lease for the view and its follow-up.
  CHECK(pool.health_of(0, now).leases == 2);
}

TEST_CASE("vantage visit: a view finding every proxy at its cap takes a held lease over") {
  proxy_pool pool({member("jp-1")}, {});
  vantage_visit visit;
  visit.hold(pool, leased_from(pool));
  const auto view = pool.acquire("JP", {}, now);
  REQUIRE(view.result == proxy_pool::outcome::leased);
  CHECK_FALSE(visit.resume());  // its next request leases afresh
  CHECK(pool.acquire("JP", {}, now).result == proxy_pool::outcome::all_busy);
  pool.release(view.index, false, now);
  // Another country's view does not take it.
  proxy_pool mixed({member("jp-2"), {.name = "us-1", .country = "US", .max_connections = 1}}, {});
  vantage_visit japan;
  japan.hold(mixed, leased_from(mixed));
  CHECK(mixed.acquire("US", {}, now).result == proxy_pool::outcome::leased);
  CHECK(mixed.acquire("US", {}, now).result == proxy_pool::outcome::all_busy);
  CHECK(japan.resume());
}

TEST_CASE("vantage visit: a lease whose proxy was withdrawn is returned, not resumed") {
  proxy_pool pool({member("jp-1")}, {});
  {
    vantage_visit visit;
    visit.hold(pool, leased_from(pool));
    pool.withdraw(0);
    CHECK_FALSE(visit.resume());
  }
  proxy_pool other({member("jp-2")}, {});
  {
    vantage_visit visit;
    visit.hold(other, leased_from(other));
  }  // ending with the visit returns it
  CHECK(other.acquire("JP", {}, now).result == proxy_pool::outcome::leased);
}

}  // namespace geocrawl
