#pragma once
// What a comparison of two views can say about geography, from where each one exited. A
// country vantage that exits in the baseline's own country tests no geography at all (an
// analyst in Tokyo comparing a JP proxy with a direct fetch compares Japan with Japan), so
// such a comparison is never called consistent or cloaked. Two direct vantages leave from
// the same machine: they test their request profiles (user agent, language, referer), which
// is still a comparison worth its verdict. A view whose exit moved to another country while
// it was served (view::exit_changed) tests no known country either. Plain functions of the
// views.
#include <string>

#include "crawler/view/view.hpp"

namespace geocrawl {

enum class geography {
  exit_changed,         // a side's exit moved to another country while it was served
  different_countries,  // both exits verified, in two countries: the comparison tests them
  same_country,         // both verified in one country, not both direct: nothing tested
  same_machine,         // both direct: one exit, so only the request profiles differ
  one_side_unknown,     // one exit verified, the other's country unknown
  unknown,              // neither exit verified (no echo URL, [verify] mode off)
};

struct exit_geography {
  geography kind = geography::unknown;
  // The sentence the comparison adds to its reasons; empty when there is nothing to say.
  std::string reason;
};

exit_geography geography_of(const view& baseline, const view& vantage);

}  // namespace geocrawl
