// What every scripted loopback server in tests/support shares: a listening socket on a chosen
// 127.0.0.x and a port the kernel picks, one io_context thread serving every connection, and a
// stop that is bounded however the connections are stuck. test_origin and the proxy doubles are
// each this plus their protocol.
//
// Asio shows here, so only the servers' .cpp files include it; their public headers stay pimpl.
#pragma once

#include "tests/support/test_pki.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

namespace geocrawl::testing {

inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

template <class Stream>
constexpr bool is_tls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

// A TLS 1.2+ server context serving this certificate and key. Throws boost::system::system_error
// if either does not load.
boost::asio::ssl::context server_tls_context(const tls_identity& identity);

class loopback_server;

// The streams and timer of one connection being served: what a stop must reach to cancel it.
// Lives in the connection's coroutine frame and is registered with the server for exactly as
// long as that frame runs, however it ends (including destruction while suspended, which happens
// only if the stop had to halt the io_context outright).
class live_connection {
 public:
  // The streams must outlive this object; a stream not yet opened (a proxy's connection to its
  // target) is fine, closing it is harmless.
  live_connection(loopback_server& server,
                  std::initializer_list<boost::beast::tcp_stream*> streams);
  ~live_connection();

  live_connection(const live_connection&) = delete;
  live_connection& operator=(const live_connection&) = delete;

  // Whether the server is stopping. Checked after every wait, since a stop may land during any.
  bool stopping() const noexcept;
  // Waits on this connection's timer, which a stop cuts short. False if the server stopped.
  boost::asio::awaitable<bool> sleep(std::chrono::milliseconds duration);
  // Abortive close of every stream: SO_LINGER 0 makes close() send RST and drop unsent data.
  void reset();
  // Closes every stream and cancels the timer, which ends whatever the connection awaits.
  void close();

 private:
  loopback_server& server_;
  std::vector<boost::beast::tcp_stream*> streams_;
  boost::asio::steady_timer timer_;
};

// Concurrency rule: all network state (the acceptor, connections, the live set, stopping) belongs
// to the single io thread. Other threads read only port() and connections().
class loopback_server {
 public:
  // Serves one accepted connection; runs on the io thread. Must not block.
  using serve_function = std::function<boost::asio::awaitable<void>(boost::asio::ip::tcp::socket)>;

  // Binds and listens before returning, so a client may connect at once, then starts the io
  // thread. `name` prefixes the diagnostics written to stderr. Throws
  // boost::system::system_error if the address is not an IP address or cannot be bound.
  //
  // Owners declare this member last: it is then destroyed first, and its destructor ends every
  // connection frame before the owner's state that those frames use goes away.
  loopback_server(std::string name, const std::string& bind_address, serve_function serve);
  // Bounded: cancels every operation, closes the acceptor and every connection, joins the thread.
  // Finishes within about a second even with connections stuck mid-exchange.
  ~loopback_server();

  loopback_server(const loopback_server&) = delete;
  loopback_server& operator=(const loopback_server&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  std::size_t connections() const noexcept { return connections_.load(); }  // TCP accepted

 private:
  friend class live_connection;

  boost::asio::awaitable<void> accept_loop();
  void cancel_everything();

  const std::string name_;
  const serve_function serve_;
  std::atomic<std::size_t> connections_{0};

  std::set<live_connection*> live_;  // io thread only
  bool stopping_ = false;            // io thread only

  // Declared after everything a connection frame touches: destroying io_ destroys any frame
  // still suspended in it.
  boost::asio::io_context io_{1};  // one thread runs it, so Asio may skip its internal locking
  boost::asio::ip::tcp::acceptor acceptor_{io_};
  std::uint16_t port_ = 0;
  std::future<void> finished_;  // ready once io_.run() has returned
  std::thread thread_;
};

// Reads and discards until the peer closes, the stream's deadline (if any) passes or the server
// stops.
template <class Stream>
boost::asio::awaitable<void> drain_until_closed(Stream& stream) {
  std::array<char, 4096> scratch;
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(boost::asio::buffer(scratch), use_tuple);
    if (ec) co_return;
  }
}

// The orderly end of what we send: close_notify if TLS, then FIN. Reading stays possible over
// TCP; over TLS whatever the peer sends afterwards reads as the end.
template <class Stream>
boost::asio::awaitable<void> end_sending(Stream& stream) {
  if constexpr (is_tls<Stream>) {
    // Pretend the peer's close_notify already arrived, so the shutdown only sends ours and
    // completes instead of waiting for a reply the peer may never send (or reading concurrently
    // with a read already pending on the stream).
    SSL_set_shutdown(stream.native_handle(), SSL_RECEIVED_SHUTDOWN);
    co_await stream.async_shutdown(use_tuple);  // its error changes nothing: the FIN follows
  }
  boost::system::error_code ignored;
  boost::beast::get_lowest_layer(stream).socket().shutdown(
      boost::asio::ip::tcp::socket::shutdown_send, ignored);
}

// After our FIN, how long a graceful close keeps reading for the peer's FIN.
inline constexpr auto close_linger = std::chrono::milliseconds(500);

// Graceful close: end_sending, then the peer's FIN (briefly), then close.
template <class Stream>
boost::asio::awaitable<void> graceful_close(Stream& stream, const live_connection& live) {
  co_await end_sending(stream);
  if (live.stopping()) co_return;
  // Closing with unread bytes in the receive queue (a pipelined request, an unread body) makes
  // the kernel send RST instead of FIN; read until the peer's FIN, briefly, so a close meant as
  // graceful reaches the peer as one.
  boost::beast::tcp_stream& tcp = boost::beast::get_lowest_layer(stream);
  tcp.expires_after(close_linger);
  co_await drain_until_closed(tcp);
  tcp.close();
}

// Sends a last message, then closes gracefully.
template <class Stream>
boost::asio::awaitable<void> write_and_close(Stream& stream, const live_connection& live,
                                             std::string_view bytes) {
  auto [ec, n] = co_await boost::asio::async_write(stream, boost::asio::buffer(bytes), use_tuple);
  if (ec || live.stopping()) co_return;
  co_await graceful_close(stream, live);
}

}  // namespace geocrawl::testing
