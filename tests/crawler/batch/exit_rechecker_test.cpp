#include "crawler/batch/exit_rechecker.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

pooled_proxy member(std::string name) {
  pooled_proxy proxy;
  proxy.name = std::move(name);
  proxy.country = "JP";
  proxy.exit_ip = "127.0.0.11";
  proxy.exit_country = "JP";
  proxy.checked_at = "2026-11-27T01:00:00.000Z";
  return proxy;
}

proxy_check recheck(proxy_status status, std::optional<std::string> country) {
  proxy_check check;
  check.name = "jp-1";
  check.declared_country = "JP";
  check.exit_ip = "127.0.0.12";
  check.location.country = std::move(country);
  check.location.build = "test 2024-06-17";
  check.verdict.status = status;
  check.checked_at = "2026-11-27T01:05:00.000Z";
  return check;
}

}  // namespace

TEST_CASE("a re-check at home is what the member's next views rely on") {
  proxy_pool pool({member("jp-1")}, {});
  std::vector<exit_move> moves;
  apply_recheck(pool, 0, recheck(proxy_status::ok, "JP"), moves);
  CHECK(moves.empty());
  CHECK_FALSE(pool.withdrawn(0));
  CHECK(pool.member(0).exit_ip == "127.0.0.12");
  CHECK(pool.member(0).checked_at == "2026-11-27T01:05:00.000Z");
  CHECK(pool.member(0).geoip_build == "test 2024-06-17");
}

TEST_CASE("a re-check elsewhere withdraws the member and lists the move") {
  proxy_pool pool({member("jp-1")}, {});
  std::vector<exit_move> moves;
  apply_recheck(pool, 0, recheck(proxy_status::mismatch, "US"), moves);
  CHECK(pool.withdrawn(0));
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].proxy == "jp-1");
  CHECK(moves[0].from == "JP");
  CHECK(moves[0].to == "US");
  CHECK(moves[0].at == "2026-11-27T01:05:00.000Z");
  // The views it served keep the check they relied on.
  CHECK(pool.member(0).checked_at == "2026-11-27T01:00:00.000Z");
  // Withdrawn for good: a later re-check changes nothing and lists nothing more.
  apply_recheck(pool, 0, recheck(proxy_status::ok, "JP"), moves);
  CHECK(pool.withdrawn(0));
  CHECK(moves.size() == 1);
}

TEST_CASE("an exit nowhere GeoIP agrees on withdraws too, a dead check is left to the breaker") {
  proxy_pool pool({member("jp-1"), member("jp-2")}, {});
  std::vector<exit_move> moves;
  apply_recheck(pool, 0, recheck(proxy_status::mismatch, std::nullopt), moves);
  CHECK(pool.withdrawn(0));
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].to.empty());
  apply_recheck(pool, 1, recheck(proxy_status::dead, std::nullopt), moves);
  CHECK_FALSE(pool.withdrawn(1));
  CHECK(pool.member(1).checked_at == "2026-11-27T01:00:00.000Z");
  CHECK(moves.size() == 1);
}

}  // namespace geocrawl
