#include "crawler/networks/network_linker.hpp"

#include <map>
#include <set>
#include <tuple>

#include <doctest/doctest.h>

namespace geocrawl {
namespace {

struct row {
  identifier_kind kind;
  std::string value;
  std::int64_t site;
  std::int64_t view;
};

using domain_table = std::map<std::string, std::vector<domain_site>, std::less<>>;

// Rows sorted by (kind, value) as the store streams them, then linked; `on_domain` says which
// sites of the run are on a registrable domain.
network_result link(std::vector<row> rows, exclusion_check excluded = {},
                    domain_table on_domain = {}) {
  if (!excluded)
    excluded = [](identifier_kind, std::string_view) -> std::optional<exclusion_rule> {
      return std::nullopt;
    };
  std::sort(rows.begin(), rows.end(), [](const row& x, const row& y) {
    return std::tie(x.kind, x.value) < std::tie(y.kind, y.value);
  });
  network_linker linker(excluded, [&on_domain](std::string_view domain) {
    const auto found = on_domain.find(domain);
    return found == on_domain.end() ? std::vector<domain_site>{} : found->second;
  });
  for (const auto& r : rows) linker.add(r.kind, r.value, r.site, r.view);
  return linker.finish();
}

using views = std::vector<std::int64_t>;
using link_ends = std::tuple<std::int64_t, std::int64_t, views, views>;

// A link's sites and the views of each side, to compare in one check.
link_ends ends_of(const network_link& link) { return {link.a, link.b, link.a_views, link.b_views}; }

std::vector<std::vector<std::int64_t>> members(const network_result& result) {
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& network : result.networks) out.push_back(network.sites);
  return out;
}

}  // namespace

TEST_CASE("strong identifiers join sites, transitively") {
  const auto result = link({
      {identifier_kind::ga4, "G-AAAA1111", 1, 10},
      {identifier_kind::ga4, "G-AAAA1111", 2, 20},
      {identifier_kind::phone, "+81312345678", 2, 21},
      {identifier_kind::phone, "+81312345678", 3, 30},
      {identifier_kind::email, "a@x.example", 4, 40},  // alone: no network
      {identifier_kind::telegram, "rxbot", 5, 50},
      {identifier_kind::telegram, "rxbot", 6, 60},
  });
  CHECK(members(result) == std::vector<std::vector<std::int64_t>>{{1, 2, 3}, {5, 6}});
  const auto& first = result.networks[0];
  CHECK(first.identifiers ==
        std::vector<page_identifier>{{identifier_kind::ga4, "G-AAAA1111"},
                                     {identifier_kind::phone, "+81312345678"}});
  REQUIRE(first.links.size() == 2);
  // Every link names its identifier and the views where each side showed it.
  const auto& by_ga = first.links[0];
  CHECK(by_ga.kind == identifier_kind::ga4);
  CHECK(by_ga.a == 1);
  CHECK(by_ga.b == 2);
  CHECK(by_ga.a_views == std::vector<std::int64_t>{10});
  CHECK(by_ga.b_views == std::vector<std::int64_t>{20});
}

TEST_CASE("weak evidence is shown but never joins") {
  const auto result = link({
      {identifier_kind::ip, "203.0.113.7", 1, 10},
      {identifier_kind::ip, "203.0.113.7", 2, 20},
      {identifier_kind::ip, "203.0.113.7", 3, 30},
      {identifier_kind::favicon, "-1234", 1, 10},
      {identifier_kind::favicon, "-1234", 2, 20},
  });
  CHECK(result.networks.empty());
  REQUIRE(result.weak.size() == 2);
  CHECK(result.weak[0].kind == identifier_kind::favicon);
  CHECK(result.weak[1].sites == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("an identifier seen twice on one site links it to nothing") {
  const auto result = link({
      {identifier_kind::gtm, "GTM-ABCD", 1, 10},
      {identifier_kind::gtm, "GTM-ABCD", 1, 11},
  });
  CHECK(result.networks.empty());
  CHECK(result.excluded.empty());
}

TEST_CASE("excluded identifiers link nothing and are listed with their rule") {
  const auto result = link(
      {
          {identifier_kind::ga4, "G-XXXXXXXXXX", 1, 10},
          {identifier_kind::ga4, "G-XXXXXXXXXX", 2, 20},
          {identifier_kind::template_fp, "stock", 1, 10},
          {identifier_kind::template_fp, "stock", 3, 30},
          {identifier_kind::template_fp, "stock", 4, 40},
          {identifier_kind::email, "ops@rx.example", 3, 31},
          {identifier_kind::email, "ops@rx.example", 4, 41},
      },
      [](identifier_kind kind, std::string_view value) -> std::optional<exclusion_rule> {
        if (value == "G-XXXXXXXXXX") return exclusion_rule::placeholder;
        if (kind == identifier_kind::template_fp) return exclusion_rule::widespread;
        return std::nullopt;
      });
  CHECK(members(result) == std::vector<std::vector<std::int64_t>>{{3, 4}});
  REQUIRE(result.excluded.size() == 2);
  CHECK(result.excluded[0].rule == exclusion_rule::placeholder);
  CHECK(result.excluded[0].sites == 2);
  CHECK(result.excluded[1].rule == exclusion_rule::widespread);
  CHECK(result.excluded[1].sites == 3);
}

TEST_CASE("many sites on one chain make one network with bounded links") {
  std::vector<row> rows;
  for (std::int64_t site = 1; site < 2000; ++site) {
    rows.push_back({identifier_kind::email, "e" + std::to_string(site), site, site});
    rows.push_back({identifier_kind::email, "e" + std::to_string(site), site + 1, site + 1});
  }
  const auto result = link(rows);
  REQUIRE(result.networks.size() == 1);
  CHECK(result.networks[0].sites.size() == 2000);
  CHECK(result.networks[0].links.size() == 1999);
}

TEST_CASE("a sister link joins the linking shop to the site of the run on that domain") {
  // Shop 1 links to b.example (site 2, views 20 and 21); shops 3 and 4 both link to
  // outside.example, which was not crawled: they stay apart, the rows kept as evidence.
  const auto result = link(
      {
          {identifier_kind::sister_link, "b.example", 1, 10},
          {identifier_kind::sister_link, "outside.example", 3, 30},
          {identifier_kind::sister_link, "outside.example", 4, 40},
      },
      {}, {{"b.example", {{2, {20, 21}}}}});
  CHECK(members(result) == std::vector<std::vector<std::int64_t>>{{1, 2}});
  REQUIRE(result.networks[0].links.size() == 1);
  const auto& link_1_2 = result.networks[0].links[0];
  CHECK(link_1_2.kind == identifier_kind::sister_link);
  CHECK(link_1_2.value == "b.example");
  CHECK(ends_of(link_1_2) == link_ends{1, 2, {10}, {20, 21}});
  CHECK(result.excluded.empty());
  CHECK(result.weak.empty());
}

TEST_CASE("sites pointing at one crawled domain join it and so each other, the smaller id first") {
  // Sites 5 and 7 both name a.example (site 6) in their certificates; site 6 names itself.
  const auto result = link({{identifier_kind::cert_name, "a.example", 5, 50},
                            {identifier_kind::cert_name, "a.example", 6, 60},
                            {identifier_kind::cert_name, "a.example", 7, 70}},
                           {}, {{"a.example", {{6, {60, 61}}}}});
  CHECK(members(result) == std::vector<std::vector<std::int64_t>>{{5, 6, 7}});
  const auto& links = result.networks[0].links;
  REQUIRE(links.size() == 2);
  CHECK(ends_of(links[0]) == link_ends{5, 6, {50}, {60, 61}});
  // Site 7 is the pointer: its views are on the b side.
  CHECK(ends_of(links[1]) == link_ends{6, 7, {60, 61}, {70}});
}

TEST_CASE("a site pointing only at its own domain links nothing") {
  const auto result =
      link({{identifier_kind::cert_name, "a.example", 6, 60}}, {}, {{"a.example", {{6, {60}}}}});
  CHECK(result.networks.empty());
  CHECK(result.excluded.empty());
}

TEST_CASE("a widespread sister link links none, and says how many sites showed it") {
  std::vector<row> rows;
  for (std::int64_t site = 1; site <= 3; ++site)
    rows.push_back({identifier_kind::sister_link, "reviews.example", site, site * 10});
  const auto result = link(rows,
                           [](identifier_kind, std::string_view) -> std::optional<exclusion_rule> {
                             return exclusion_rule::widespread;
                           },
                           {{"reviews.example", {{9, {90}}}}});
  CHECK(result.networks.empty());
  REQUIRE(result.excluded.size() == 1);
  CHECK(result.excluded[0].kind == identifier_kind::sister_link);
  CHECK(result.excluded[0].sites == 3);
}

TEST_CASE("a site's own weak sightings name no view and never join") {
  network_linker linker(
      [](identifier_kind, std::string_view) -> std::optional<exclusion_rule> {
        return std::nullopt;
      },
      [](std::string_view) { return std::vector<domain_site>{}; });
  linker.add_site(identifier_kind::name_server, "ns1.host.example", 1);
  linker.add_site(identifier_kind::name_server, "ns1.host.example", 2);
  linker.add_site(identifier_kind::name_server, "ns2.other.example", 3);
  const auto result = linker.finish();
  CHECK(result.networks.empty());
  REQUIRE(result.weak.size() == 1);
  CHECK(result.weak[0].kind == identifier_kind::name_server);
  CHECK(result.weak[0].value == "ns1.host.example");
  CHECK(result.weak[0].sites == std::vector<std::int64_t>{1, 2});
}

}  // namespace geocrawl
