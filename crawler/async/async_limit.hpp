#pragma once
// A counting limit for coroutines that all run on one thread (the crawl's io_context, so
// no locking). Waiters are served first come, first served: a released slot is handed
// straight to the longest waiter, so a later arrival never overtakes it.
#include <cstddef>
#include <deque>

#include <boost/asio/awaitable.hpp>

namespace geocrawl {

class async_limit {
 public:
  explicit async_limit(std::size_t slots) : free_(slots) {}
  async_limit(const async_limit&) = delete;
  async_limit& operator=(const async_limit&) = delete;

  // Holds a slot until destroyed.
  class ticket {
   public:
    ticket() = default;
    explicit ticket(async_limit& owner) : owner_(&owner) {}
    ticket(ticket&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    ticket& operator=(ticket&& other) noexcept;
    ~ticket() { release(); }
    void release();

   private:
    async_limit* owner_ = nullptr;
  };

  boost::asio::awaitable<ticket> acquire();

  std::size_t waiting() const noexcept { return waiters_.size(); }
  bool idle(std::size_t slots) const noexcept { return free_ == slots && waiters_.empty(); }

 private:
  struct waiter;
  void release_slot();

  std::size_t free_;
  std::deque<waiter*> waiters_;
};

}  // namespace geocrawl
