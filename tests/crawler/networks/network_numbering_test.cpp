#include "crawler/networks/network_numbering.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("a network keeps the number of the earlier one it overlaps most") {
  const std::vector<numbered_network> earlier = {{12, {"a.example", "b.example", "c.example"}},
                                                 {13, {"x.example", "y.example"}}};
  const auto ids = number_networks({{"x.example", "z.example"},
                                    {"a.example", "b.example", "c.example", "d.example"},
                                    {"new1.example", "new2.example"}},
                                   earlier, 14);
  CHECK(ids == std::vector<std::int64_t>{13, 12, 14});
}

TEST_CASE("a split network: the larger part keeps the number, the other gets a new one") {
  const std::vector<numbered_network> earlier = {{5, {"a.example", "b.example", "c.example"}}};
  const auto ids = number_networks({{"a.example"}, {"b.example", "c.example"}}, earlier, 6);
  CHECK(ids == std::vector<std::int64_t>{6, 5});
}

TEST_CASE("merged networks take the lowest number on a tie") {
  const std::vector<numbered_network> earlier = {{9, {"a.example"}}, {4, {"b.example"}}};
  CHECK(number_networks({{"a.example", "b.example"}}, earlier, 10) == std::vector<std::int64_t>{4});
}

TEST_CASE("without earlier networks numbers count up from next_id") {
  CHECK(number_networks({{"a.example"}, {"b.example"}}, {}, 1) == std::vector<std::int64_t>{1, 2});
}

}  // namespace geocrawl
