#include "crawler/verdict/exit_geography.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

view exit_view(std::string vantage, std::string proxy, std::string country,
               std::string unverified = "") {
  view record;
  record.vantage = std::move(vantage);
  record.proxy = std::move(proxy);
  record.exit_country = std::move(country);
  record.exit_unverified = std::move(unverified);
  return record;
}

}  // namespace

TEST_CASE("what two exits let a comparison test") {
  const auto direct_jp = exit_view("default", "", "JP");
  const auto direct_unknown = exit_view("default", "", "", "no [verify] echo_url is configured");
  const auto proxy_jp = exit_view("jp", "jp-1", "JP");
  const auto proxy_us = exit_view("us", "us-1", "US");
  const auto proxy_unchecked = exit_view("jp", "jp-1", "");

  CHECK(geography_of(direct_jp, proxy_jp).kind == geography::same_country);
  CHECK(geography_of(proxy_us, proxy_jp).kind == geography::different_countries);
  CHECK(geography_of(proxy_us, proxy_jp).reason.empty());
  CHECK(geography_of(direct_jp, exit_view("ja-search", "", "JP")).kind == geography::same_machine);
  CHECK(geography_of(direct_unknown, exit_view("ja-search", "", "")).kind ==
        geography::same_machine);
  const auto unknown = geography_of(direct_unknown, proxy_jp);
  CHECK(unknown.kind == geography::one_side_unknown);
  CHECK(unknown.reason ==
        "default's exit country is unknown (no [verify] echo_url is configured); jp exits in JP");
  const auto unchecked = geography_of(proxy_us, proxy_unchecked);
  CHECK(unchecked.kind == geography::one_side_unknown);
  CHECK(unchecked.reason ==
        "jp's exit country is unknown (its exit was not verified); us exits in US");
  CHECK(geography_of(exit_view("default", "d-1", ""), proxy_unchecked).kind == geography::unknown);
}

TEST_CASE("an exit that moved while its view was served tests no known country") {
  auto moved = exit_view("jp", "jp-1", "JP");
  moved.exit_changed = true;
  const auto direct_us = exit_view("default", "", "US");
  for (const auto& [baseline, vantage] :
       {std::pair{direct_us, moved}, std::pair{moved, direct_us}}) {
    const auto result = geography_of(baseline, vantage);
    CHECK(result.kind == geography::exit_changed);
    CHECK(result.reason ==
          "jp's exit moved to another country while it was served: which country the site saw "
          "is not known, so the comparison is inconclusive");
  }
  CHECK(geography_of(direct_us, exit_view("jp", "jp-1", "JP")).kind ==
        geography::different_countries);
}

}  // namespace geocrawl
