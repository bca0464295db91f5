#pragma once
// The proxies a vantage may draw from, per country: rotation, a cap on concurrent
// connections per proxy, and a circuit breaker that rests a proxy after consecutive
// failures of its own (not of the targets behind it).
//
// Plain state, no I/O and no locking: the owner calls it from one strand and passes the
// time in, so the policy is a pure function of calls and clock (tested with tables).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "proxies/proxy_url.hpp"

namespace geocrawl {

struct breaker_settings {
  int failures_to_rest = 3;                 // consecutive proxy faults that rest a proxy
  std::chrono::milliseconds rest{300'000};  // how long it rests before it is tried again
};

// A proxy admitted to the pool: verified for its country (or verification is off).
struct pooled_proxy {
  std::string name;
  proxy_endpoint endpoint;
  std::string country;  // the country it serves, upper case
  int max_connections = 4;
  std::string exit_ip;       // as verified; empty when verification is off
  std::string exit_country;  // as geolocated; empty when verification is off
  std::string geoip_build;   // which database build answered
  std::string checked_at;    // when that check was made (UTC, ISO 8601); empty when off
  // The user name as a session template (proxy_session.hpp); empty for an ordinary proxy.
  std::string session;
  std::chrono::milliseconds session_ttl{600'000};  // how long one session's exit is relied on
};

class proxy_pool {
 public:
  using clock = std::chrono::steady_clock;
  static constexpr std::size_t no_proxy = static_cast<std::size_t>(-1);

  proxy_pool(std::vector<pooled_proxy> members, breaker_settings breaker);

  enum class outcome { leased, all_busy, none_left };
  struct lease {
    outcome result = outcome::none_left;
    std::size_t index = no_proxy;  // valid when leased
  };

  // The next proxy for the country in rotation that is not in `tried`, not resting and
  // below its connection cap. all_busy: some could serve but are at their cap (wait and
  // ask again); none_left: every proxy of the country is tried, resting or absent.
  lease acquire(std::string_view country, const std::vector<std::size_t>& tried,
                clock::time_point now);

  // Ends a lease. A proxy fault counts towards resting the proxy; anything else (success,
  // or a failure of the target) closes the breaker again.
  void release(std::size_t index, bool proxy_fault, clock::time_point now);

  // An idle lease: its connection to the proxy is kept open for the next request of a site's
  // visit (crawler/vantage/vantage_visit.hpp). It stays leased, and yields the moment a view of
  // its country finds every proxy at its cap: acquire() calls its `give_up`, which closes the
  // connection and releases the lease, and leases the slot afresh. unpark() when the lease is
  // taken up again or released by its holder; the ticket is spent either way.
  using park_ticket = std::uint64_t;
  park_ticket park(std::size_t index, std::function<void()> give_up);
  void unpark(park_ticket ticket) noexcept;

  // A re-check during a run found the member's exit where it was declared: views from now on
  // record that check (the exit address may have changed within the country).
  void confirm(std::size_t index, std::string exit_ip, std::string geoip_build,
               std::string checked_at);
  // A re-check found the exit elsewhere: the member leaves the rotation for good. Its leases
  // in flight end normally; `withdrawn` tells their views that the exit moved under them.
  void withdraw(std::size_t index);
  bool withdrawn(std::size_t index) const { return members_[index].withdrawn; }
  // Called (from release, on the owner's strand) when a member starts to rest after a streak
  // of faults: a streak is a reason to check where the proxy now exits.
  void on_rest(std::function<void(std::size_t index)> rested) { rested_ = std::move(rested); }

  const pooled_proxy& member(std::size_t index) const { return members_[index].proxy; }
  std::size_t size(std::string_view country) const;
  std::size_t size() const noexcept { return members_.size(); }

  // How a member has done so far, for a crawl's summary.
  struct health {
    std::uint64_t leases = 0;  // views (and failover attempts) it was lent to
    std::uint64_t faults = 0;  // of them, failures of the proxy itself
    bool resting = false;
  };
  health health_of(std::size_t index, clock::time_point now) const;

 private:
  struct slot {
    pooled_proxy proxy;
    int in_use = 0;
    int consecutive_faults = 0;
    clock::time_point resting_until{};
    std::uint64_t leases = 0;
    std::uint64_t faults = 0;
    bool withdrawn = false;
  };

  std::vector<slot> members_;
  std::function<void(std::size_t)> rested_;
  breaker_settings breaker_;
  std::size_t cursor_ = 0;  // where the rotation goes on from
  struct parked_lease {
    std::size_t index;
    std::function<void()> give_up;
  };
  std::map<park_ticket, parked_lease> parked_;  // oldest first
  park_ticket next_ticket_ = 0;
};

}  // namespace geocrawl
