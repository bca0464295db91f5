#include "crawler/http/connection_keeper.hpp"

#include "crawler/http/hop_connection.hpp"

namespace geocrawl {

connection_keeper::connection_keeper(std::chrono::milliseconds idle_limit)
    : idle_limit_(idle_limit) {}

connection_keeper::~connection_keeper() = default;
connection_keeper::connection_keeper(connection_keeper&&) noexcept = default;
connection_keeper& connection_keeper::operator=(connection_keeper&&) noexcept = default;

std::unique_ptr<kept_connection> connection_keeper::take(
    std::string_view route, std::chrono::steady_clock::time_point now) {
  auto kept = std::move(kept_);
  if (kept && kept->route == route && now - idle_since_ <= idle_limit_) return kept;
  return nullptr;
}

void connection_keeper::keep(std::unique_ptr<kept_connection> connection,
                             std::chrono::steady_clock::time_point now) {
  kept_ = std::move(connection);
  idle_since_ = now;
}

void connection_keeper::close() noexcept { kept_.reset(); }

}  // namespace geocrawl
