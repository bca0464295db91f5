// A scripted HTTP/1.1 origin (optionally over TLS) on a loopback port chosen by the kernel, for
// integration tests. Each response is a script of raw steps, so a test can make the origin
// misbehave on purpose — malformed HTTP, stalls, byte-at-a-time drips, resets — in the spirit of
// curl's test server directives (docs/tests/FILEFORMAT.md) and Envoy's FakeUpstream.
//
// Asio and Beast stay behind a pimpl so tests that only script responses compile quickly.
#pragma once

#include "tests/support/test_pki.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace geocrawl::testing {

using header_list = std::vector<std::pair<std::string, std::string>>;

// One request as the origin parsed it. Copies, so a test can inspect it after the origin is gone.
struct received_request {
  std::string method;
  std::string target;        // as sent, query included
  std::string peer_address;  // the client's IP, e.g. "127.0.0.1"
  header_list headers;       // in arrival order, names as sent

  // The first header with this name, compared case-insensitively; "" if absent.
  std::string header(std::string_view name) const;
};

// One raw action of a response script. Built only through the named constructors, so every step
// is exactly one action.
class script_step {
 public:
  enum class action { write, pause, drip, close, reset, idle };

  // Sends the bytes as they are; nothing is added or checked.
  static script_step write(std::string bytes);
  // Sends nothing for this long.
  static script_step pause(std::chrono::milliseconds duration);
  // Sends the bytes one at a time with a pause between consecutive bytes.
  static script_step drip(std::string bytes, std::chrono::milliseconds between_bytes);
  // Graceful close: TLS close_notify if TLS, then FIN. Ends the connection.
  static script_step close();
  // Abortive close: RST (SO_LINGER 0), no close_notify. Ends the connection.
  static script_step reset();
  // Says nothing until the client closes or the origin stops. Ends the connection.
  static script_step idle();

  action kind() const noexcept { return kind_; }
  const std::string& bytes() const noexcept { return bytes_; }
  std::chrono::milliseconds delay() const noexcept { return delay_; }

 private:
  script_step(action kind, std::string bytes, std::chrono::milliseconds delay)
      : kind_(kind), bytes_(std::move(bytes)), delay_(delay) {}

  action kind_;
  std::string bytes_;
  std::chrono::milliseconds delay_;
};

using response_script = std::vector<script_step>;

// "HTTP/1.1 404 Not Found\r\n". Unregistered codes get the reason "Unknown".
std::string status_line(int status);

// The status line, the headers in order, Content-Length (unless the caller gave Content-Length or
// Transfer-Encoding, so chunked and deliberately wrong lengths stay possible), a blank line and
// the body — as one write step. Append further steps for anything odd.
response_script http_response(int status, header_list headers, std::string body);

// Called on the origin's thread for each request routed to it. It must not block: the origin
// serves every connection from that one thread, and the destructor's bound assumes it.
using handler = std::function<response_script(const received_request&)>;

struct origin_options {
  std::string bind_address = "127.0.0.1";  // any 127.0.0.x, so tests can tell origins apart
  // Initialized here like every member, so designated initializers that skip it do not trip
  // -Wmissing-field-initializers.
  std::optional<tls_identity> tls = std::nullopt;  // serve HTTPS with this certificate and key
  bool stall_tls_handshake = false;  // with tls: accept TCP, never answer the ClientHello
  std::size_t max_request_header_bytes = 64 * 1024;  // larger headers get 431 and a close
};

class test_origin {
 public:
  // Binds and starts listening before returning, so port() and url() are valid at once.
  // Throws boost::system::system_error (a std::runtime_error) if the address is not an IP
  // address or cannot be bound, and if the TLS certificate or key does not load.
  explicit test_origin(origin_options options = {});
  // Bounded: cancels every operation, closes the acceptor and every connection, joins the
  // thread. Finishes within about a second even with clients mid-drip or idle.
  ~test_origin();

  test_origin(const test_origin&) = delete;
  test_origin& operator=(const test_origin&) = delete;

  // Routes requests whose target, without the query, equals path. Thread-safe, may be called at
  // any time; a later route for the same path replaces the earlier one. Unrouted paths get 404.
  void route(std::string path, handler h);
  // Routes requests whose path starts with prefix (e.g. "/shop/": the shop and every page below
  // it) and that no exact route claims; the longest matching prefix wins. Thread-safe likewise.
  void route_below(std::string prefix, handler h);

  std::uint16_t port() const noexcept;
  // "http://127.0.0.1:PORT/path?query" (https with tls). A missing leading '/' is added.
  std::string url(std::string_view path_and_query) const;

  // The counters below are safe to read from any thread while the origin runs. A request is
  // recorded before its handler runs, so once a client has read any byte of a response the
  // request is already counted.
  std::size_t hits(std::string_view path) const;   // requests received for that path
  std::size_t connections() const;                 // TCP connections accepted
  std::vector<received_request> requests() const;  // all, in arrival order

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl::testing
