#include "crawler/async/keyed_gate.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace geocrawl {

namespace asio = boost::asio;

keyed_gate::keyed_gate(capacity_of capacity, std::chrono::milliseconds spacing)
    : capacity_(std::move(capacity)), spacing_(spacing) {}

keyed_gate::pass::pass(keyed_gate& gate, std::string key, async_limit::ticket slot)
    : slot_(new async_limit::ticket(std::move(slot)), leave{&gate, std::move(key)}) {}

keyed_gate::pass::~pass() = default;

void keyed_gate::pass::leave::operator()(async_limit::ticket* slot) const {
  delete slot;  // frees the slot before the entry may go
  gate->left(key);
}

asio::awaitable<keyed_gate::pass> keyed_gate::enter(std::string key) {
  if (++enters_ % prune_every == 0) prune();
  auto found = entries_.find(key);
  if (found == entries_.end())
    found = entries_.emplace(key, std::make_unique<entry>(capacity_(key))).first;
  entry& place = *found->second;
  ++place.users;
  // From here the entry is kept by `users`; a frame destroyed while waiting still leaves.
  struct user_guard {
    keyed_gate* gate;
    const std::string* key;
    ~user_guard() {
      if (gate) gate->left(*key);
    }
  } guard{this, &key};
  auto slot = co_await place.limit.acquire();
  if (spacing_.count() > 0) {
    // The turn is claimed when the view really starts, not when it was scheduled: a view
    // that wakes late must not leave the next one closer than the spacing. Each pass
    // either claims the start or sleeps until the earliest next one.
    asio::steady_timer wait(co_await asio::this_coro::executor);
    for (;;) {
      const auto now = clock::now();
      if (now >= place.next_start) {
        place.next_start = now + spacing_;
        break;
      }
      wait.expires_at(place.next_start);
      co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
    }
  }
  guard.gate = nullptr;  // the pass takes the user over
  co_return pass(*this, std::move(key), std::move(slot));
}

void keyed_gate::prune() {
  const auto now = clock::now();
  std::erase_if(entries_, [&](const auto& item) {
    return item.second->users == 0 && item.second->next_start <= now;
  });
}

void keyed_gate::left(const std::string& key) {
  const auto found = entries_.find(key);
  if (found == entries_.end()) return;
  entry& place = *found->second;
  if (--place.users > 0) return;
  // Spacing outlives the last user: the next view of this host must still wait its turn
  // (prune() forgets the entry once that time has passed).
  if (place.next_start > clock::now()) return;
  entries_.erase(found);
}

}  // namespace geocrawl
