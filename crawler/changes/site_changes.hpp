#pragma once
// What differs between a site's state in an earlier run and in this one, as a list an analyst
// reads top to bottom: a pure function of the two states (crawler/store/site_history.hpp).
#include <string>
#include <vector>

#include "crawler/changes/change_kind.hpp"
#include "crawler/store/site_history.hpp"

namespace geocrawl {

// One change. `vantage` is empty for a change of the whole site. `before` and `after` are what
// the kind compares: verdicts, registrars ("Name (IANA ID 1234)"), page states ("" for an
// ordinary page), hosts, titles; for drugs the ones added (after) or gone (before), joined
// with "; ".
struct site_change {
  change_kind kind = change_kind::new_site;
  std::string vantage;
  std::string before;
  std::string after;
};

// The changes, in the order of all_change_kinds, each kind's by vantage as the run stored them.
// Per vantage only where both runs got a page from it: a failure is reported once, as the site's
// reachability, not again as every field of the page it did not get.
std::vector<site_change> site_changes(const site_history& history);

}  // namespace geocrawl
