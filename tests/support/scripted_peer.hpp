#pragma once
// Runs client code over a beast::test::stream whose peer has sent all it will send and
// closed: a server's or a proxy's whole side of a conversation, given up front, so the
// client never has anything to wait for. The fuzz targets and the unit tests of the
// response path use it.
#include <chrono>
#include <cstddef>
#include <future>
#include <limits>
#include <stdexcept>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

namespace geocrawl::testing {

// `client(stream)` returns an awaitable; its result is returned and an exception it throws
// escapes. At most read_size bytes are handed to each read (1 drips the peer's bytes).
// Throws std::runtime_error when the client has not finished within a few seconds: with
// the peer gone that is a client that waits for nothing.
template <class Client>
auto run_against_peer(Client client, std::string_view peer_bytes,
                      std::size_t read_size = std::numeric_limits<std::size_t>::max()) {
  boost::asio::io_context io;
  boost::beast::test::stream stream(io);
  boost::beast::test::stream peer(io);
  stream.connect(peer);
  stream.append(peer_bytes);
  stream.read_size(read_size);
  peer.close();
  auto result = boost::asio::co_spawn(io, client(stream), boost::asio::use_future);
  io.run_for(std::chrono::seconds(5));
  if (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    throw std::runtime_error("the client did not finish against a peer that had closed");
  }
  return result.get();
}

}  // namespace geocrawl::testing
