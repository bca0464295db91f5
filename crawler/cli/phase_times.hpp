#pragma once
// The phases of a view's final hop that really happened, with their times. A view records 0
// for a phase it never went through (TLS on http, DNS for an address or through a proxy), and
// "0 ms" in a report would claim a phase that was merely fast; the reports show these instead.
#include <chrono>
#include <optional>

#include "crawler/view/view.hpp"

namespace geocrawl {

struct phase_times {
  // The target's name resolved by us: none for an address, and none through a proxy, where
  // the proxy resolves it (socks5h, HTTP) or the address check does, untimed.
  std::optional<std::chrono::milliseconds> dns;
  std::optional<std::chrono::milliseconds> connect;  // TCP, and the proxy's handshakes
  std::optional<std::chrono::milliseconds> tls;      // the target's handshake, for https
  std::optional<std::chrono::milliseconds> first_byte;
  std::chrono::milliseconds total{0};  // the whole view, every hop; always measured
};

// Only `total` for a view without a response: which phases it finished is not recorded.
phase_times phase_times_of(const view& record);

}  // namespace geocrawl
