#include "proxies/proxy_pool.hpp"

#include <algorithm>

namespace geocrawl {

proxy_pool::proxy_pool(std::vector<pooled_proxy> members, breaker_settings breaker)
    : breaker_(breaker) {
  for (auto& member : members) members_.push_back({.proxy = std::move(member)});
}

proxy_pool::lease proxy_pool::acquire(std::string_view country,
                                      const std::vector<std::size_t>& tried,
                                      clock::time_point now) {
  bool busy = false;
  // One full turn from the cursor: each member is looked at once.
  for (std::size_t step = 0; step < members_.size(); ++step) {
    const std::size_t index = (cursor_ + step) % members_.size();
    auto& slot = members_[index];
    if (slot.proxy.country != country || slot.withdrawn) continue;
    if (std::find(tried.begin(), tried.end(), index) != tried.end()) continue;
    if (slot.resting_until > now) continue;
    if (slot.in_use >= slot.proxy.max_connections) {
      busy = true;
      continue;
    }
    ++slot.in_use;
    ++slot.leases;
    cursor_ = index + 1;
    return {outcome::leased, index};
  }
  if (busy) {
    // An idle lease yields to the view: its slot is the view's, and the rotation goes on.
    for (auto parked = parked_.begin(); parked != parked_.end(); ++parked) {
      const auto index = parked->second.index;
      const auto& slot = members_[index];
      if (slot.proxy.country != country || slot.withdrawn || slot.resting_until > now) continue;
      if (std::find(tried.begin(), tried.end(), index) != tried.end()) continue;
      auto give_up = std::move(parked->second.give_up);
      parked_.erase(parked);
      give_up();
      // Bounded: each call takes one parked lease away, and this member now has room.
      return acquire(country, tried, now);
    }
  }
  return {busy ? outcome::all_busy : outcome::none_left, no_proxy};
}

proxy_pool::park_ticket proxy_pool::park(std::size_t index, std::function<void()> give_up) {
  const auto ticket = next_ticket_++;
  parked_.emplace(ticket, parked_lease{index, std::move(give_up)});
  return ticket;
}

void proxy_pool::unpark(park_ticket ticket) noexcept { parked_.erase(ticket); }

void proxy_pool::release(std::size_t index, bool proxy_fault, clock::time_point now) {
  auto& slot = members_[index];
  --slot.in_use;
  if (!proxy_fault) {
    slot.consecutive_faults = 0;
    return;
  }
  ++slot.faults;
  // A proxy back from rest that fails again goes straight back to rest: its counter was
  // not reset by the rest, only by a success.
  if (++slot.consecutive_faults >= breaker_.failures_to_rest) {
    slot.resting_until = now + breaker_.rest;
    if (rested_) rested_(index);
  }
}

void proxy_pool::confirm(std::size_t index, std::string exit_ip, std::string geoip_build,
                         std::string checked_at) {
  auto& proxy = members_[index].proxy;
  proxy.exit_ip = std::move(exit_ip);
  proxy.geoip_build = std::move(geoip_build);
  proxy.checked_at = std::move(checked_at);
}

void proxy_pool::withdraw(std::size_t index) { members_[index].withdrawn = true; }

proxy_pool::health proxy_pool::health_of(std::size_t index, clock::time_point now) const {
  const auto& slot = members_[index];
  return {slot.leases, slot.faults, slot.resting_until > now};
}

std::size_t proxy_pool::size(std::string_view country) const {
  return static_cast<std::size_t>(std::count_if(
      members_.begin(), members_.end(), [&](const slot& s) { return s.proxy.country == country; }));
}

}  // namespace geocrawl
