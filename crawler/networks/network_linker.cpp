#include "crawler/networks/network_linker.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "crawler/networks/link_strength.hpp"

namespace geocrawl {

namespace {

// A site's own sighting (add_site) names no view; store row ids start at 1.
constexpr std::int64_t no_view = 0;

}  // namespace

network_linker::network_linker(exclusion_check excluded, domain_sites sites_on)
    : excluded_(std::move(excluded)), sites_on_(std::move(sites_on)) {}

void network_linker::add_site(identifier_kind kind, std::string_view value, std::int64_t site_id) {
  add(kind, value, site_id, no_view);
}

void network_linker::add(identifier_kind kind, std::string_view value, std::int64_t site_id,
                         std::int64_t view_id) {
  if (!group_.empty() && (kind != kind_ || value != value_)) flush();
  if (group_.empty()) {
    kind_ = kind;
    value_.assign(value);
  }
  group_.push_back({site_id, view_id});
}

std::uint32_t network_linker::index_of(std::int64_t site) {
  const auto [found, added] = index_.try_emplace(site, static_cast<std::uint32_t>(site_of_.size()));
  if (added) {
    site_of_.push_back(site);
    parent_.push_back(found->second);
  }
  return found->second;
}

std::uint32_t network_linker::root(std::uint32_t index) {
  while (parent_[index] != index) {
    parent_[index] = parent_[parent_[index]];  // path halving keeps the trees flat
    index = parent_[index];
  }
  return index;
}

void network_linker::flush() {
  std::sort(group_.begin(), group_.end());
  // Each site with the views it showed the identifier in.
  site_sightings sites;
  for (const auto& seen : group_) {
    if (sites.empty() || sites.back().first != seen.site) sites.push_back({seen.site, {}});
    if (seen.view != no_view) sites.back().second.push_back(seen.view);
  }
  group_.clear();
  if (mode_of(kind_) == link_mode::points_at_site) {
    link_to_sites(sites);
    return;
  }
  if (sites.size() < 2) return;
  if (const auto rule = excluded_(kind_, value_)) {
    result_.excluded.push_back({kind_, value_, *rule, sites.size()});
    return;
  }
  if (strength_of(kind_) == link_strength::weak) {
    auto& shared = result_.weak.emplace_back();
    shared.kind = kind_;
    shared.value = value_;
    for (const auto& site : sites) shared.sites.push_back(site.first);
    return;
  }
  // A star from the first site: enough links to hold the component, each with its evidence.
  for (std::size_t i = 1; i < sites.size(); ++i) {
    join(sites.front().first, sites[i].first);
    links_.push_back({kind_, value_, sites.front().first, sites[i].first, sites.front().second,
                      sites[i].second});
  }
}

// Each site pointing at the domain joins each site of the run on it: a link per pair, its
// views on both sides (the pointer's that showed it, every one of the target's).
// Sites that only point at the same domain stay apart, and a site pointing at its own domain
// (a redirect's target) joins nothing.
void network_linker::link_to_sites(const site_sightings& sites) {
  const auto targets = sites_on_ ? sites_on_(value_) : std::vector<domain_site>{};
  // No target (a domain not crawled in this run: the evidence stays in the views), or the only
  // pointer is the target itself.
  if (std::none_of(targets.begin(), targets.end(), [&](const domain_site& target) {
        return sites.size() > 1 || sites.front().first != target.site;
      }))
    return;
  if (const auto rule = excluded_(kind_, value_)) {
    result_.excluded.push_back({kind_, value_, *rule, sites.size()});
    return;
  }
  for (const auto& target : targets) {
    for (const auto& [pointer, views] : sites) {
      if (pointer == target.site) continue;
      join(pointer, target.site);
      if (pointer < target.site)
        links_.push_back({kind_, value_, pointer, target.site, views, target.views});
      else
        links_.push_back({kind_, value_, target.site, pointer, target.views, views});
    }
  }
}

void network_linker::join(std::int64_t a, std::int64_t b) {
  const auto first = index_of(a);
  const auto other = index_of(b);
  parent_[root(other)] = root(first);
}

network_result network_linker::finish() {
  if (!group_.empty()) flush();
  std::map<std::uint32_t, linked_network> components;
  for (auto& link : links_) {
    auto& network = components[root(index_.at(link.a))];
    network.identifiers.push_back({link.kind, link.value});
    network.links.push_back(std::move(link));
  }
  links_.clear();
  for (std::uint32_t i = 0; i < site_of_.size(); ++i) {
    components[root(i)].sites.push_back(site_of_[i]);
  }
  for (auto& [root_index, network] : components) {
    std::sort(network.sites.begin(), network.sites.end());
    std::sort(network.identifiers.begin(), network.identifiers.end());
    network.identifiers.erase(std::unique(network.identifiers.begin(), network.identifiers.end()),
                              network.identifiers.end());
    result_.networks.push_back(std::move(network));
  }
  std::sort(result_.networks.begin(), result_.networks.end(),
            [](const linked_network& x, const linked_network& y) {
              return x.sites.front() < y.sites.front();
            });
  return std::move(result_);
}

}  // namespace geocrawl
