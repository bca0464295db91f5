// A loopback relay (crawler/render/loopback_relay) on its own io_context thread, as a rendered
// view runs one, with the test's allow-list and a resolver that knows no names: tests drive it
// with a raw client or a real Chromium and read its log. Asio stays in relay_lab.cpp.
#pragma once

#include "crawler/render/loopback_relay.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace geocrawl::testing {

// Short enough that a test of a silent client or an idle tunnel ends in well under a second.
relay_limits quick_relay_limits();

class relay_lab {
 public:
  // `allow`: limits.allow_networks; `proxy`: the vantage's, or none for direct.
  explicit relay_lab(std::vector<std::string> allow = {"127.0.0.1/32"},
                     std::optional<proxy_endpoint> proxy = std::nullopt,
                     relay_limits limits = quick_relay_limits());
  // Finishes, if the test did not.
  ~relay_lab();

  relay_lab(const relay_lab&) = delete;
  relay_lab& operator=(const relay_lab&) = delete;

  std::uint16_t port() const;
  // The log so far, copied on the relay's thread (bounded by a second; empty if it does not
  // answer).
  relay_request_log snapshot();
  // Waits, up to two seconds, until the log holds `count` requests, and returns it. A tunnel is
  // recorded once both directions have ended, which can be a moment after the client has read
  // its last byte and closed.
  relay_request_log wait_for_requests(std::size_t count);
  // Stops the relay and waits up to two seconds for its io_context to run out of work, i.e. for
  // every coroutine of the relay to end; `ended_in_time` says whether it did. Then the log.
  relay_request_log finish();
  bool ended_in_time() const noexcept { return ended_in_time_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  bool ended_in_time_ = false;
};

}  // namespace geocrawl::testing
