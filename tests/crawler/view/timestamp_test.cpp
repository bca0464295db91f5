#include "crawler/view/timestamp.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("timestamp: a stamp reads back as the time it was made from, to the millisecond") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796000123456));
  const auto stamp = utc_timestamp(when);
  CHECK(stamp == "2026-11-30T00:55:23.456Z");
  const auto parsed = parse_utc_timestamp(stamp);
  REQUIRE(parsed);
  CHECK(*parsed == when);
}

TEST_CASE("timestamp: any other text is no time") {
  for (const char* text : {"", "2026-11-30", "2026-11-30T00:15:23Z", "2026-11-30T00:15:23.456",
                           "2026-13-30T00:15:23.456Z", "2026-11-30 00:15:23.456Z",
                           "2026-11-30T00:15:2x.456Z", "2026-11-30T00:15:23.456Z "}) {
    CAPTURE(text);
    CHECK_FALSE(parse_utc_timestamp(text));
  }
}

}  // namespace geocrawl
