#include "crawler/networks/network_numbering.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace geocrawl {

std::vector<std::int64_t> number_networks(const std::vector<std::vector<std::string>>& components,
                                          const std::vector<numbered_network>& earlier,
                                          std::int64_t next_id) {
  std::unordered_map<std::string_view, std::int64_t> earlier_of;
  for (const auto& network : earlier) {
    for (const auto& member : network.members) earlier_of.emplace(member, network.id);
  }
  // (overlap, earlier id, component): the largest overlaps first, then the lowest numbers.
  std::vector<std::tuple<std::size_t, std::int64_t, std::size_t>> candidates;
  for (std::size_t i = 0; i < components.size(); ++i) {
    std::map<std::int64_t, std::size_t> overlap;
    std::unordered_set<std::string_view> counted;
    for (const auto& member : components[i]) {
      const auto found = earlier_of.find(member);
      if (found != earlier_of.end() && counted.insert(member).second) ++overlap[found->second];
    }
    for (const auto& [id, shared] : overlap) candidates.emplace_back(shared, id, i);
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
    if (std::get<1>(x) != std::get<1>(y)) return std::get<1>(x) < std::get<1>(y);
    return std::get<2>(x) < std::get<2>(y);
  });
  std::vector<std::int64_t> ids(components.size(), 0);
  std::unordered_set<std::int64_t> taken;
  for (const auto& [shared, id, component] : candidates) {
    if (ids[component] != 0 || taken.contains(id)) continue;
    ids[component] = id;
    taken.insert(id);
  }
  for (auto& id : ids) {
    if (id == 0) id = next_id++;
  }
  return ids;
}

}  // namespace geocrawl
