#include "crawler/vantage/vantage_visit.hpp"

#include <utility>

namespace geocrawl {

vantage_visit::vantage_visit(std::chrono::milliseconds idle_limit) : keeper_(idle_limit) {}

vantage_visit::~vantage_visit() { end(); }

void vantage_visit::hold(proxy_pool& pool, held_lease lease) {
  end_lease();
  pool_ = &pool;
  held_ = std::move(lease);
  parking_ = pool.park(held_->index, [this] {
    parking_.reset();  // the pool spent the ticket
    keeper_.close();
    end_lease();
  });
}

std::optional<vantage_visit::held_lease> vantage_visit::resume() {
  if (!held_) return std::nullopt;
  if (pool_->withdrawn(held_->index)) {
    end();
    return std::nullopt;
  }
  pool_->unpark(*parking_);
  parking_.reset();
  auto lease = std::move(held_);
  held_.reset();
  return lease;
}

void vantage_visit::end() {
  keeper_.close();
  end_lease();
}

void vantage_visit::end_lease() {
  if (!held_) return;
  if (parking_) pool_->unpark(*parking_);
  parking_.reset();
  pool_->release(held_->index, false, proxy_pool::clock::now());
  held_.reset();
}

}  // namespace geocrawl
