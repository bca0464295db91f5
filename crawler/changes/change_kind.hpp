#pragma once
// The kinds of change `geocrawl changes` reports between a site's state in a run and in an
// earlier one. The words are stable: they are the `change` column of `export --what changes`
// and the JSON's "change". A new kind is one enumerator here, its word and its line in
// crawler/cli/changes_command.cpp, and the rule that finds it in site_changes.cpp.
#include <array>
#include <string_view>

namespace geocrawl {

enum class change_kind {
  new_site,            // not in the earlier run
  site_gone,           // in the earlier run (same input), not in this one
  newly_cloaked,       // cloaked now, not before
  no_longer_cloaked,   // cloaked before, reachable and not cloaked now
  verdict_changed,     // another change of the site's verdict (consistent ↔ inconclusive)
  now_unreachable,     // every view failed, or the verdict is unreachable
  reachable_again,     // unreachable before, not now
  registrar_changed,   // the registrable domain's registrar (name or IANA ID), as RDAP knew it
  page_state_changed,  // per vantage: under construction, parked, suspended, default server
  host_moved,          // per vantage: the final URL's host, within the same registrable domain
  domain_moved,        // per vantage: the final URL's host, to another registrable domain
  drugs_added,         // per vantage: drugs named now, not before
  drugs_gone,          // per vantage: drugs named before, not now
  title_changed,       // the baseline's page title
};

// Every kind, in the order above: the order of a site's changes and of the summary.
inline constexpr std::array all_change_kinds{
    change_kind::new_site,          change_kind::site_gone,         change_kind::newly_cloaked,
    change_kind::no_longer_cloaked, change_kind::verdict_changed,   change_kind::now_unreachable,
    change_kind::reachable_again,   change_kind::registrar_changed, change_kind::page_state_changed,
    change_kind::host_moved,        change_kind::domain_moved,      change_kind::drugs_added,
    change_kind::drugs_gone,        change_kind::title_changed};

std::string_view to_string(change_kind kind) noexcept;

}  // namespace geocrawl
