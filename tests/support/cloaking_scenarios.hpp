// The labelled scenario set that measures geocrawl's cloaking verdicts: sites that show a
// Japanese exit, a crawler or a visitor from a Google Japan search something else than the
// baseline browser, and sites that must not be called cloaked however much their pages vary.
//
// Each scenario is served by a test_origin handler under "/<name>/" (test_origin::route_below)
// and labelled with the site verdict an analyst would want from
// `geocrawl fetch http://ORIGIN/<name>/ --json` with three vantages:
//   default    baseline, direct from 127.0.0.1, desktop Chrome, Accept-Language en-US
//   jp         through a SOCKS5 exit at 127.0.0.10-13 (JP in the test GeoIP database),
//              Accept-Language ja-JP, Referer https://www.google.co.jp/
//   googlebot  direct from 127.0.0.1, a Googlebot user agent
// The labels follow issue 5: cloaking is a difference in what is offered (drugs,
// no-prescription language), in access, or in where the visitor is sent; localisation and
// per-request noise are consistent; a side that failed makes the site inconclusive, and every
// side failing makes it unreachable. Each label the issue leaves open is argued where the
// scenario is defined.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {

// The site-level "verdict" of `geocrawl fetch --json`.
enum class site_verdict { cloaked, consistent, inconclusive, unreachable };

inline constexpr std::array<site_verdict, 4> every_site_verdict = {
    site_verdict::cloaked, site_verdict::consistent, site_verdict::inconclusive,
    site_verdict::unreachable};

std::string_view to_string(site_verdict verdict);  // as geocrawl prints it: "cloaked", ...

struct cloaking_scenario {
  std::string name;  // its root on the origin is "/<name>/"
  site_verdict expected;
  std::string design;  // who is shown what, for the analyst reading a failure
  handler serve;       // every request under "/<name>/"
};

// The catalogue. `elsewhere` is the base URL ("http://127.0.0.1:PORT") of a second origin
// serving elsewhere_shop(): where the cross-origin redirects lead.
std::vector<cloaking_scenario> cloaking_scenarios(const std::string& elsewhere);

// The shop cross-origin redirects land on, for every path of the second origin.
handler elsewhere_shop();

// Routes every scenario under "/<name>/" of `origin`.
void serve_scenarios(test_origin& origin, const std::vector<cloaking_scenario>& scenarios);

}  // namespace geocrawl::testing
