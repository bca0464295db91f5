#include "crawler/changes/network_changes.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

#include "crawler/changes/site_host.hpp"

namespace geocrawl {

namespace {

using members_by_network = std::map<std::int64_t, std::set<std::string>>;

members_by_network by_network(const std::vector<network_member_row>& rows) {
  members_by_network networks;
  for (const auto& row : rows) networks[row.network_id].insert(row.url);
  return networks;
}

network_change change_of(network_change_kind kind, std::int64_t id, std::vector<std::string> urls) {
  std::set<std::string> domains;
  for (const auto& url : urls) domains.insert(registrar_domain(url));
  return {kind, id, std::move(urls), {domains.begin(), domains.end()}};
}

std::vector<std::string> difference(const std::set<std::string>& from,
                                    const std::set<std::string>& without) {
  std::vector<std::string> urls;
  std::set_difference(from.begin(), from.end(), without.begin(), without.end(),
                      std::back_inserter(urls));
  return urls;
}

}  // namespace

std::vector<network_change> network_changes(const std::vector<network_member_row>& before,
                                            const std::vector<network_member_row>& now) {
  const auto earlier = by_network(before);
  const auto later = by_network(now);
  std::set<std::int64_t> ids;
  for (const auto& network : earlier) ids.insert(network.first);
  for (const auto& network : later) ids.insert(network.first);

  std::vector<network_change> changes;
  for (const auto id : ids) {
    const auto was = earlier.find(id);
    const auto is = later.find(id);
    if (was == earlier.end()) {
      changes.push_back(change_of(network_change_kind::network_formed, id,
                                  {is->second.begin(), is->second.end()}));
    } else if (is == later.end()) {
      changes.push_back(change_of(network_change_kind::network_dissolved, id,
                                  {was->second.begin(), was->second.end()}));
    } else {
      if (auto gained = difference(is->second, was->second); !gained.empty())
        changes.push_back(change_of(network_change_kind::network_gained, id, std::move(gained)));
      if (auto lost = difference(was->second, is->second); !lost.empty())
        changes.push_back(change_of(network_change_kind::network_lost, id, std::move(lost)));
    }
  }
  return changes;
}

}  // namespace geocrawl
