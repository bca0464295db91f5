#pragma once
// What the loopback relay saw of one rendered view: every request the page (or Chromium on its
// behalf) made through it, allowed or not. Plain data, so the rendered view can store it and the
// layers without network code can read it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

// How the relay asks for a destination: a tunnel (https, wss; the relay sees host:port and byte
// counts only) or a plain request it forwards itself (http; it sees the URL and the status).
enum class relay_method { connect, forward };

// "connect", "forward".
std::string_view to_string(relay_method method) noexcept;

// How one request through the relay ended. A closed set, stored as its word.
enum class relay_outcome {
  relayed,            // the exchange or tunnel ran to its end
  blocked_address,    // the address policy refused the destination; nothing was dialled
  bad_destination,    // no port, port 0, or a target that is not host:port or an http:// URL
  malformed_request,  // not HTTP, a header over the cap, or a method the relay does not carry
  dial_failed,        // DNS, connect, or the vantage's proxy failed; the reason names which
  bad_response,       // the destination's answer was not HTTP, or its header was over the cap
  idle_timeout,       // nothing moved either way for the idle timeout
  byte_cap,           // the view's byte budget ran out; the rest was cut
  relay_stopped,      // the relay shut down while the request was under way
  internal_error,     // a surprise inside the relay; the reason has its message
};

// "relayed", "blocked_address", "bad_destination", "malformed_request", "dial_failed",
// "bad_response", "idle_timeout", "byte_cap", "relay_stopped", "internal_error".
std::string_view to_string(relay_outcome outcome) noexcept;

// Whether the relay refused the request before dialling anything: the page reached nothing.
bool is_blocked(relay_outcome outcome) noexcept;

struct relay_request {
  relay_method method = relay_method::forward;
  std::string http_method;  // as the client sent it: "CONNECT", "GET", "POST", ...
  // The URL of a forwarded request, host:port of a tunnel (IPv6 in brackets), or as much of a
  // malformed request line as fits in 2,000 bytes.
  std::string target;
  std::optional<int> status;     // the origin's status, for forwarded requests that got one
  std::uint64_t bytes_up = 0;    // from the client to the destination, headers included
  std::uint64_t bytes_down = 0;  // from the destination to the client, headers included
  relay_outcome outcome = relay_outcome::relayed;
  std::string reason;  // why it was not relayed; never a proxy's credentials
  std::chrono::system_clock::time_point started;
  std::chrono::milliseconds duration{0};
};

struct relay_request_log {
  std::vector<relay_request> requests;    // in the order they ended
  std::uint64_t connections_refused = 0;  // not from loopback, dropped unread
};

}  // namespace geocrawl
