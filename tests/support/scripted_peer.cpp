#include "tests/support/scripted_peer.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace geocrawl::testing {

namespace {

// fail_count(n) fails the nth operation counting from 1, and 0 fails the first as 1 does:
// n + 1 makes fail_at count from 0 without repeating a point.
std::optional<boost::beast::test::fail_count> failing_at(const peer_script& script) {
  if (!script.fail_at) return std::nullopt;
  return boost::beast::test::fail_count(*script.fail_at + 1, script.fail_error);
}

}  // namespace

scripted_connection::scripted_connection(const peer_script& script)
    : fail_count_(failing_at(script)),
      client_(fail_count_ ? boost::beast::test::stream(io_, *fail_count_)
                          : boost::beast::test::stream(io_)),
      peer_(io_) {
  client_.connect(peer_);
  client_.append(script.reply);
  client_.read_size(script.read_size);
  peer_.close();
}

void scripted_connection::run() { io_.run_for(std::chrono::seconds(5)); }

std::string scripted_connection::written() const { return std::string(peer_.str()); }

std::string scripted_connection::unread() const { return std::string(client_.str()); }

}  // namespace geocrawl::testing
