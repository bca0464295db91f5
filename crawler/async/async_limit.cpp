#include "crawler/async/async_limit.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace geocrawl {

namespace asio = boost::asio;

// Lives in the waiting coroutine's frame. If the frame is destroyed while it waits (the
// io_context is torn down at the end of an interrupted crawl), it leaves the queue.
struct async_limit::waiter {
  async_limit& owner;
  asio::steady_timer timer;
  bool granted = false;

  ~waiter() {
    if (granted) return;
    auto& queue = owner.waiters_;
    queue.erase(std::remove(queue.begin(), queue.end(), this), queue.end());
  }
};

async_limit::ticket& async_limit::ticket::operator=(ticket&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    other.owner_ = nullptr;
  }
  return *this;
}

void async_limit::ticket::release() {
  if (owner_) owner_->release_slot();
  owner_ = nullptr;
}

asio::awaitable<async_limit::ticket> async_limit::acquire() {
  if (free_ > 0 && waiters_.empty()) {
    --free_;
    co_return ticket(*this);
  }
  waiter self{*this, asio::steady_timer(co_await asio::this_coro::executor,
                                        asio::steady_timer::time_point::max())};
  waiters_.push_back(&self);
  // Only release_slot() ends this wait: it grants the slot, then cancels the timer.
  while (!self.granted) co_await self.timer.async_wait(asio::as_tuple(asio::use_awaitable));
  co_return ticket(*this);
}

void async_limit::release_slot() {
  if (waiters_.empty()) {
    ++free_;
    return;
  }
  waiter* next = waiters_.front();
  waiters_.pop_front();
  next->granted = true;
  next->timer.cancel();
}

}  // namespace geocrawl
