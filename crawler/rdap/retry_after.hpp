#pragma once
// A 429's Retry-After (RFC 9110 §10.2.3) as a wait: delta-seconds, or an HTTP-date in the
// IMF-fixdate form every current server sends ("Sun, 06 Nov 1994 08:49:37 GMT", §5.6.7). A
// pure function of the value and the time now, so it is tested with tables of cases.
#include <chrono>
#include <optional>
#include <string_view>

namespace geocrawl {

// The wait the value asks for from `now`: zero for a date already past; nullopt for anything
// else (the obsolete RFC 850 and asctime dates included), which the caller treats as a wait
// past its bound.
std::optional<std::chrono::milliseconds> retry_after_wait(
    std::string_view value, std::chrono::system_clock::time_point now);

// The instant an IMF-fixdate names; nullopt when the text is not one, or names no real day
// or the wrong weekday for it.
std::optional<std::chrono::system_clock::time_point> parse_imf_fixdate(std::string_view text);

}  // namespace geocrawl
