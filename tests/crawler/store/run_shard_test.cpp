#include "crawler/store/run_shard.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace geocrawl {

TEST_CASE("a shard is I/N with 0 <= I < N, in decimal digits, and prints back the same") {
  struct example {
    const char* text;
    std::optional<run_shard> shard;
  };
  const example examples[] = {
      {"0/1", run_shard{.index = 0, .count = 1}},
      {"3/4", run_shard{.index = 3, .count = 4}},
      {"0/4096", run_shard{.index = 0, .count = 4096}},
      {"4/4", std::nullopt},   // index not below the count
      {"0/0", std::nullopt},   // no shard of nothing
      {"-1/4", std::nullopt},  // a sign
      {"+1/4", std::nullopt},
      {" 1/4", std::nullopt},
      {"1/4 ", std::nullopt},
      {"1", std::nullopt},
      {"1/", std::nullopt},
      {"/4", std::nullopt},
      {"1/2/3", std::nullopt},
      {"0x1/4", std::nullopt},
      {"1/99999999999", std::nullopt},  // past 32 bits
      {"auto", std::nullopt},
  };
  for (const auto& each : examples) {
    CAPTURE(each.text);
    const auto parsed = parse_run_shard(each.text);
    CHECK(parsed == each.shard);
    if (parsed) CHECK(to_string(*parsed) == each.text);
  }
}

}  // namespace geocrawl
