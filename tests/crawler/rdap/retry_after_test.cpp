#include "crawler/rdap/retry_after.hpp"

#include <doctest/doctest.h>

#include <string>

namespace geocrawl {

namespace {

using namespace std::chrono;

// RFC 9110's own example: Sunday, 6 November 1994, 08:49:37 UTC.
const system_clock::time_point rfc_example{sys_days{1994y / November / 6} + 8h + 49min + 37s};

}  // namespace

TEST_CASE("an IMF-fixdate is read to the second, anything off its shape is not one") {
  CHECK(parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT") == rfc_example);
  CHECK(parse_imf_fixdate("Thu, 29 Feb 2024 23:59:60 GMT") ==
        system_clock::time_point{sys_days{2024y / March / 1}});  // a leap second
  for (const std::string text : {
           "", "garbage",
           "Sun, 06 Nov 1994 08:49:37 UTC",   // another zone
           "Sun,  6 Nov 1994 08:49:37 GMT",   // no leading zero
           "Sun, 06 nov 1994 08:49:37 GMT",   // names are case-sensitive
           "Mon, 06 Nov 1994 08:49:37 GMT",   // the wrong weekday
           "Thu, 31 Apr 2025 08:49:37 GMT",   // no such day
           "Sun, 06 Nov 1994 24:00:00 GMT",   // no such hour
           "Sun, 06 Nov 1994 08:-9:37 GMT",   // a sign inside a field
           "Sun, 06 Nov 1994 08:49:37 GMT ",  // trailing space
           "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850, obsolete
           "Sun Nov  6 08:49:37 1994",        // asctime, obsolete
       }) {
    CAPTURE(text);
    CHECK(parse_imf_fixdate(text) == std::nullopt);
  }
}

TEST_CASE("Retry-After: seconds, a date waited until, a past date now, garbage none") {
  const auto now = rfc_example;
  CHECK(retry_after_wait("0", now) == milliseconds(0));
  CHECK(retry_after_wait("7", now) == 7s);
  CHECK(retry_after_wait("Sun, 06 Nov 1994 08:50:07 GMT", now) == 30s);
  CHECK(retry_after_wait("Sun, 06 Nov 1994 08:49:37 GMT", now + 250ms) == milliseconds(0));
  CHECK(retry_after_wait("Sat, 05 Nov 1994 08:49:37 GMT", now) == milliseconds(0));
  CHECK(retry_after_wait("Sun, 06 Nov 1994 08:49:38 GMT", now + 250ms) == 750ms);
  CHECK(retry_after_wait("-1", now) == std::nullopt);
  CHECK(retry_after_wait("86401", now) == std::nullopt);
  CHECK(retry_after_wait("1.5", now) == std::nullopt);
  CHECK(retry_after_wait("soon", now) == std::nullopt);
  CHECK(retry_after_wait("", now) == std::nullopt);
}

}  // namespace geocrawl
