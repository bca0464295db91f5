// A client that speaks raw bytes to a scripted server and blocks the test until each step is
// done, so a self-test can drive a protocol byte by byte without Asio in sight. Every call is
// bounded by the deadline given at construction; a read that runs out of time says so.
#pragma once

#include "tests/support/test_pki.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace geocrawl::testing {

// How a read ended.
enum class stream_end {
  open,       // it got what it asked for; the connection is still open
  closed,     // the peer closed in order: FIN, or close_notify under TLS
  truncated,  // TLS: the peer closed TCP without close_notify
  reset,      // the peer reset the connection (RST)
  timed_out,  // the deadline passed first; the client has closed the connection
  failed,     // anything else, e.g. a read after the connection was closed
};

struct received {
  std::string bytes;
  stream_end end = stream_end::open;
};

class blocking_client {
 public:
  // Connects; throws std::runtime_error if that fails or takes longer than the deadline.
  blocking_client(const std::string& address, std::uint16_t port,
                  std::chrono::milliseconds deadline = std::chrono::seconds(2));
  ~blocking_client();

  blocking_client(const blocking_client&) = delete;
  blocking_client& operator=(const blocking_client&) = delete;

  // From here on speaks TLS, verifying the server's certificate against trusted_ca for host (a
  // name, sent as SNI, or an IP address). Throws std::runtime_error if the handshake fails.
  void start_tls(const tls_identity& trusted_ca, const std::string& host);
  // Throws std::runtime_error if the write fails.
  void write(std::string_view bytes);
  // Half-close over TCP: sends FIN, reading stays possible.
  void finish_sending();

  // Exactly count bytes, unless the connection ends or the deadline passes first.
  received read(std::size_t count);
  // Up to and including the delimiter (at most 64 KiB).
  received read_until(std::string_view delimiter);
  // Everything until the connection ends or the deadline passes (at most 1 MiB).
  received read_to_end();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl::testing
