#pragma once
// A hash of the effective configuration, so a resumed run can tell it is being asked to
// go on under different settings: its results would not be comparable. What a run means
// is its vantages, limits, TLS and GeoIP settings and how exits are verified. Which
// proxies serve a country and the crawl's pace ([crawl]) may change between sessions — a
// dead proxy replaced, concurrency lowered after a crash — and proxy credentials never
// enter the hash at all.
#include <string>

#include "crawler/config/config.hpp"

namespace geocrawl {

// SHA-256, hex, of a canonical text of those settings.
std::string config_fingerprint(const config& settings);

}  // namespace geocrawl
