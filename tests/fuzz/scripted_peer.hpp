#pragma once
// Runs client code over a beast::test::stream whose peer has sent the fuzz input and closed:
// the input is the server's or the proxy's whole side of the conversation, so the client
// never has anything to wait for, and a client that does not finish is a finding.
#include <chrono>
#include <cstddef>
#include <future>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include "tests/fuzz/property_check.hpp"

namespace geocrawl::testing {

// `client(stream)` returns an awaitable; its result is returned and an exception it throws
// escapes (libFuzzer reports it). read_size bytes at most are handed to each read, so the
// input's split across reads is part of what is fuzzed.
template <class Client>
auto run_against_peer(Client client, std::string_view peer_bytes, std::size_t read_size) {
  boost::asio::io_context io;
  boost::beast::test::stream stream(io);
  boost::beast::test::stream peer(io);
  stream.connect(peer);
  stream.append(peer_bytes);
  stream.read_size(read_size);
  peer.close();
  auto result = boost::asio::co_spawn(io, client(stream), boost::asio::use_future);
  io.run_for(std::chrono::seconds(5));
  require(result.wait_for(std::chrono::seconds(0)) == std::future_status::ready,
          "the client finishes once the peer has closed");
  return result.get();
}

}  // namespace geocrawl::testing
