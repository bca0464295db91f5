#include "crawler/changes/network_changes.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

network_member_row member(std::int64_t network, std::string url) {
  return {network, 0, std::move(url)};
}

}  // namespace

TEST_CASE("network changes: formed, gained, lost and dissolved, by number, with domains") {
  const std::vector<network_member_row> before = {
      member(3, "https://a.example/"),       member(3, "https://b.example/"),
      member(5, "https://gone1.example/"),   member(5, "https://gone2.example/"),
      member(7, "https://keep.example/"),    member(7, "https://keep.example.co.jp/"),
      member(9, "https://steady1.example/"), member(9, "https://steady2.example/")};
  const std::vector<network_member_row> now = {
      member(3, "https://a.example/"),       member(3, "https://b.example/"),
      member(3, "https://c.example/"),       member(3, "https://shop.d.example/"),
      member(3, "https://www.d.example/x"),  member(7, "https://keep.example/"),
      member(7, "https://new.example/"),     member(9, "https://steady1.example/"),
      member(9, "https://steady2.example/"), member(12, "https://n1.example/"),
      member(12, "https://n2.example/")};
  const auto changes = network_changes(before, now);
  REQUIRE(changes.size() == 5);

  CHECK(changes[0].kind == network_change_kind::network_gained);
  CHECK(changes[0].network_id == 3);
  CHECK(changes[0].urls == std::vector<std::string>{"https://c.example/", "https://shop.d.example/",
                                                    "https://www.d.example/x"});
  // Two new sites of one registrable domain are one domain gained.
  CHECK(changes[0].domains == std::vector<std::string>{"c.example", "d.example"});

  CHECK(changes[1].kind == network_change_kind::network_dissolved);
  CHECK(changes[1].network_id == 5);
  CHECK(changes[1].domains == std::vector<std::string>{"gone1.example", "gone2.example"});

  // One network can gain a site and lose another in the same run: gained first.
  CHECK(changes[2].kind == network_change_kind::network_gained);
  CHECK(changes[2].network_id == 7);
  CHECK(changes[2].domains == std::vector<std::string>{"new.example"});
  CHECK(changes[3].kind == network_change_kind::network_lost);
  CHECK(changes[3].network_id == 7);
  // Named by its registrable domain by the public suffix list.
  CHECK(changes[3].domains == std::vector<std::string>{"example.co.jp"});

  CHECK(changes[4].kind == network_change_kind::network_formed);
  CHECK(changes[4].network_id == 12);
  CHECK(changes[4].urls == std::vector<std::string>{"https://n1.example/", "https://n2.example/"});
}

TEST_CASE("network changes: none between equal runs, every network formed without an earlier") {
  const std::vector<network_member_row> runs = {member(1, "https://a.example/"),
                                                member(1, "https://b.example/")};
  CHECK(network_changes(runs, runs).empty());
  const auto first = network_changes({}, runs);
  REQUIRE(first.size() == 1);
  CHECK(first[0].kind == network_change_kind::network_formed);
  const auto gone = network_changes(runs, {});
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].kind == network_change_kind::network_dissolved);
}

TEST_CASE("network change kinds have their stable words") {
  std::vector<std::string> words;
  for (const auto kind : all_network_change_kinds) words.emplace_back(to_string(kind));
  CHECK(words == std::vector<std::string>{"network_formed", "network_gained", "network_lost",
                                          "network_dissolved"});
}

}  // namespace geocrawl
