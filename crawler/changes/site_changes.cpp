#include "crawler/changes/site_changes.hpp"

#include <algorithm>
#include <iterator>

#include "crawler/changes/site_host.hpp"
#include "crawler/domain/registrable_domain.hpp"

namespace geocrawl {

namespace {

constexpr std::string_view cloaked = "cloaked";

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    if (!text.empty()) text += "; ";
    text += name;
  }
  return text;
}

// The names in `from` that `without` lacks; both sorted.
std::vector<std::string> difference(const std::vector<std::string>& from,
                                    const std::vector<std::string>& without) {
  std::vector<std::string> names;
  std::set_difference(from.begin(), from.end(), without.begin(), without.end(),
                      std::back_inserter(names));
  return names;
}

// The site's verdict and reachability: one change at most. Reachability comes first, since a
// verdict over pages that never came says nothing new.
void verdict_changes(const site_state& before, const site_state& now,
                     std::vector<site_change>& changes) {
  const auto was_down = before.unreachable();
  const auto is_down = now.unreachable();
  if (!was_down && is_down) {
    changes.push_back({change_kind::now_unreachable, "", before.verdict, now.verdict});
  } else if (was_down && !is_down) {
    changes.push_back({change_kind::reachable_again, "", before.verdict, now.verdict});
  } else if (is_down || before.verdict == now.verdict) {
    return;
  } else if (now.verdict == cloaked) {
    changes.push_back({change_kind::newly_cloaked, "", before.verdict, now.verdict});
  } else if (before.verdict == cloaked) {
    changes.push_back({change_kind::no_longer_cloaked, "", before.verdict, now.verdict});
  } else if (!before.verdict.empty() && !now.verdict.empty()) {
    changes.push_back({change_kind::verdict_changed, "", before.verdict, now.verdict});
  }
}

// "Example Registrar, Inc. (IANA ID 1234)": the name an analyst knows, the ID that does not
// change with a rename.
std::string registrar_text(const registrar_identity& registrar) {
  if (registrar.iana_id.empty()) return registrar.name;
  const auto id = "IANA ID " + registrar.iana_id;
  return registrar.name.empty() ? id : registrar.name + " (" + id + ")";
}

// What differs in what one vantage saw, where it got a page in both runs.
void vantage_changes(const vantage_state& before, const vantage_state& now,
                     std::vector<site_change>& changes) {
  if (before.state != now.state)
    changes.push_back({change_kind::page_state_changed, now.vantage,
                       std::string(to_string(before.state)), std::string(to_string(now.state))});
  const auto host_before = host_of(before.final_url);
  const auto host_now = host_of(now.final_url);
  if (host_before != host_now) {
    const auto kind = site_identity(host_before) == site_identity(host_now)
                          ? change_kind::host_moved
                          : change_kind::domain_moved;
    changes.push_back({kind, now.vantage, host_before, host_now});
  }
  const auto added = difference(now.drugs, before.drugs);
  if (!added.empty()) changes.push_back({change_kind::drugs_added, now.vantage, "", joined(added)});
  const auto gone = difference(before.drugs, now.drugs);
  if (!gone.empty()) changes.push_back({change_kind::drugs_gone, now.vantage, joined(gone), ""});
}

}  // namespace

std::vector<site_change> site_changes(const site_history& history) {
  if (!history.before) return {{change_kind::new_site, "", "", ""}};
  if (!history.now) return {{change_kind::site_gone, "", "", ""}};
  const auto& before = *history.before;
  const auto& now = *history.now;

  std::vector<site_change> changes;
  verdict_changes(before, now, changes);
  // Only where both runs knew the registrar: a lookup that failed or never happened is no change.
  if (before.registrar && now.registrar && *before.registrar != *now.registrar)
    changes.push_back({change_kind::registrar_changed, "", registrar_text(*before.registrar),
                       registrar_text(*now.registrar)});
  for (const auto& seen : now.vantages) {
    const auto* earlier = before.find(seen.vantage);
    if (earlier != nullptr && !earlier->failed && !seen.failed)
      vantage_changes(*earlier, seen, changes);
  }

  const auto* baseline_before = before.find(now.baseline);
  const auto* baseline_now = now.find(now.baseline);
  if (baseline_before != nullptr && baseline_now != nullptr && !baseline_before->failed &&
      !baseline_now->failed && baseline_before->title != baseline_now->title)
    changes.push_back(
        {change_kind::title_changed, now.baseline, baseline_before->title, baseline_now->title});

  // By kind; within a kind, vantages in the order the run stored them.
  std::stable_sort(changes.begin(), changes.end(),
                   [](const site_change& a, const site_change& b) { return a.kind < b.kind; });
  return changes;
}

}  // namespace geocrawl
