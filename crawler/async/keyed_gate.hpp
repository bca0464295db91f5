#pragma once
// A limit per key — views in flight per host name, or per proxy country — with an
// optional least spacing between the starts of two views of one key (politeness to a
// host). Keys come and go: an entry lives while someone holds or waits for it, or while
// its spacing still matters. Same one-thread rule as async_limit.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/asio/awaitable.hpp>

#include "crawler/async/async_limit.hpp"

namespace geocrawl {

class keyed_gate {
 public:
  using clock = std::chrono::steady_clock;
  using capacity_of = std::function<std::size_t(std::string_view key)>;

  keyed_gate(capacity_of capacity, std::chrono::milliseconds spacing);

  class pass {
   public:
    pass() = default;
    pass(keyed_gate& gate, std::string key, async_limit::ticket slot);
    pass(pass&&) noexcept = default;
    pass& operator=(pass&&) noexcept = default;
    ~pass();

   private:
    struct leave {
      keyed_gate* gate;
      std::string key;
      void operator()(async_limit::ticket* slot) const;
    };
    std::unique_ptr<async_limit::ticket, leave> slot_;
  };

  // Waits for a slot of `key` and, with spacing, for its turn to start.
  boost::asio::awaitable<pass> enter(std::string key);

  std::size_t keys() const noexcept { return entries_.size(); }

 private:
  struct entry {
    explicit entry(std::size_t slots) : capacity(slots), limit(slots) {}
    std::size_t capacity;
    async_limit limit;
    std::size_t users = 0;         // holding or waiting
    clock::time_point next_start;  // the earliest the next view of this key may start
  };

  void left(const std::string& key);
  void prune();  // forgets idle keys whose spacing has passed

  static constexpr std::size_t prune_every = 1024;  // enters

  capacity_of capacity_;
  std::chrono::milliseconds spacing_;
  std::unordered_map<std::string, std::unique_ptr<entry>> entries_;
  std::size_t enters_ = 0;
};

}  // namespace geocrawl
