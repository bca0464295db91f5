// How a proxy double reaches what its client asks for: names through its host table only, every
// outgoing connection from the chosen source address (so an origin behind the proxy sees a
// 127.0.0.x a test GeoIP database places in a country), and a byte relay that can die on purpose.
#pragma once

#include "tests/support/loopback_server.hpp"
#include "tests/support/proxy_double.hpp"

#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl::testing {

class proxy_upstream {
 public:
  // outgoing_address "" lets the kernel choose. Throws std::invalid_argument naming the entry if
  // it or an address in the table is not an IP address.
  proxy_upstream(const host_table& hosts, const std::string& outgoing_address);

  // Resolves host (an IP literal is itself, a name is looked up in the table) and connects to it
  // from the outgoing address, under a deadline. A name not in the table fails with
  // asio::error::host_not_found. On failure the stream is left closed.
  boost::asio::awaitable<boost::system::error_code> connect(boost::beast::tcp_stream& stream,
                                                            std::string_view host,
                                                            std::uint16_t port) const;

 private:
  std::map<std::string, boost::asio::ip::address, std::less<>> hosts_;  // keys in lower case
  std::optional<boost::asio::ip::address> outgoing_;
};

// The local address of a connected stream as text: the source address its peer sees.
std::string local_address(const boost::beast::tcp_stream& stream);

// Copies bytes both ways between a client and its target until both directions have ended, then
// closes both. An orderly end (FIN; close_notify or a bare FIN from a TLS client) passes on as an
// orderly end, so a client that half-closes still gets its answer; a failure either way resets
// both. With reset_after, the client gets that many bytes from the target, then both are reset.
//
// Client: boost::beast::tcp_stream or boost::beast::ssl_stream<boost::beast::tcp_stream>.
template <class Client>
boost::asio::awaitable<void> relay(Client& client, boost::beast::tcp_stream& target,
                                   live_connection& live, std::optional<std::size_t> reset_after);

}  // namespace geocrawl::testing
