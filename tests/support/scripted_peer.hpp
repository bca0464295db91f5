#pragma once
// Runs client code over a beast::test::stream whose peer has sent all it will send and
// closed: a server's or a proxy's whole side of a conversation, given up front, so the
// client never has anything to wait for, and what the client wrote comes back byte for byte
// (after Beast's own tests of its HTTP reader). The unit tests of the
// response path and of the tunnel handshakes and their fuzz targets use it.
#include <chrono>
#include <cstddef>
#include <future>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/_experimental/test/error.hpp>
#include <boost/beast/_experimental/test/fail_count.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/system/error_code.hpp>

namespace geocrawl::testing {

struct peer_script {
  std::string reply;  // every byte the peer sends; then it closes the connection
  // Bytes the client gets per read: 1 drips the reply byte by byte.
  std::size_t read_size = std::numeric_limits<std::size_t>::max();
  // The client's I/O operation (0-based, reads and writes alike) that fails with fail_error.
  std::optional<std::size_t> fail_at;
  boost::system::error_code fail_error = boost::beast::test::error::test_failure;
};

template <class Result>
struct peer_run {
  Result result;
  std::string written;  // every byte the client sent to the peer
  std::string unread;   // what the client left of the reply (after a handshake: the tunnel's)
};

// The client's end of a connection to a peer that plays `script`.
class scripted_connection {
 public:
  explicit scripted_connection(const peer_script& script);
  scripted_connection(const scripted_connection&) = delete;
  scripted_connection& operator=(const scripted_connection&) = delete;

  boost::asio::io_context& context() { return io_; }
  boost::beast::test::stream& client() { return client_; }
  // Runs the client's work for a few seconds at most: with the peer gone, a client still
  // busy after that waits for nothing.
  void run();
  std::string written() const;
  std::string unread() const;

 private:
  boost::asio::io_context io_;
  std::optional<boost::beast::test::fail_count> fail_count_;
  boost::beast::test::stream client_;
  boost::beast::test::stream peer_;
};

// `client(stream)` returns an awaitable; its result is returned with what went over the
// stream, and an exception it throws escapes. Throws std::runtime_error when the client has
// not finished within a few seconds.
template <class Client>
auto run_against_peer(Client&& client, const peer_script& script) {
  scripted_connection connection(script);
  auto result = boost::asio::co_spawn(connection.context(), client(connection.client()),
                                      boost::asio::use_future);
  connection.run();
  if (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    throw std::runtime_error("the client did not finish against a peer that had closed");
  }
  return peer_run<decltype(result.get())>{result.get(), connection.written(), connection.unread()};
}

}  // namespace geocrawl::testing
