#include "tests/support/proxy_upstream.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Connecting on loopback succeeds or is refused at once; the deadline only guards against a bug.
constexpr auto connect_deadline = std::chrono::seconds(2);

std::string lower_case(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

asio::ip::address parse_address(const std::string& text, std::string_view what) {
  error_code ec;
  const auto address = asio::ip::make_address(text, ec);
  if (ec) {
    throw std::invalid_argument(std::string(what) + " '" + text + "' is not an IP address");
  }
  return address;
}

// Copies `from` to `to` until `from` ends. Reaching `limit` bytes, or any failure, resets both
// connections of the relay.
template <class From, class To>
asio::awaitable<void> pump(From& from, To& to, live_connection& live, std::size_t limit) {
  std::array<char, 16 * 1024> chunk;
  for (std::size_t passed = 0;;) {
    if (passed == limit) {
      live.reset();
      co_return;
    }
    const std::size_t room = std::min(chunk.size(), limit - passed);
    auto [read_ec, n] = co_await from.async_read_some(asio::buffer(chunk.data(), room), use_tuple);
    if (live.stopping()) co_return;
    if (n > 0) {
      auto [write_ec, written] =
          co_await asio::async_write(to, asio::buffer(chunk.data(), n), use_tuple);
      if (live.stopping()) co_return;
      if (write_ec) {
        live.reset();
        co_return;
      }
      passed += n;
    }
    // A TLS client that closes without close_notify (stream_truncated) has still finished in
    // order as far as the bytes go; treating it as a failure would reset the target mid-answer.
    if (read_ec == asio::error::eof || read_ec == asio::ssl::error::stream_truncated) {
      co_await end_sending(to);
      co_return;
    }
    if (read_ec) {
      live.reset();
      co_return;
    }
  }
}

}  // namespace

proxy_upstream::proxy_upstream(const host_table& hosts, const std::string& outgoing_address) {
  for (const auto& [name, address] : hosts) {
    hosts_.emplace(lower_case(name), parse_address(address, "the address of " + name));
  }
  if (!outgoing_address.empty()) outgoing_ = parse_address(outgoing_address, "outgoing_address");
}

asio::awaitable<error_code> proxy_upstream::connect(beast::tcp_stream& stream,
                                                    std::string_view host,
                                                    std::uint16_t port) const {
  error_code ec;
  std::optional<asio::ip::address> address = asio::ip::make_address(host, ec);
  if (ec) {
    const auto found = hosts_.find(lower_case(host));
    if (found == hosts_.end()) co_return asio::error::host_not_found;
    address = found->second;
  }
  const tcp::endpoint target(*address, port);
  ec = {};
  stream.socket().open(target.protocol(), ec);
  if (!ec && outgoing_) stream.socket().bind(tcp::endpoint(*outgoing_, 0), ec);
  if (!ec) {
    stream.expires_after(connect_deadline);
    std::tie(ec) = co_await stream.async_connect(target, use_tuple);
    stream.expires_never();
  }
  if (ec) stream.close();
  co_return ec;
}

std::string local_address(const beast::tcp_stream& stream) {
  error_code ignored;
  return stream.socket().local_endpoint(ignored).address().to_string();
}

template <class Client>
asio::awaitable<void> relay(Client& client, beast::tcp_stream& target, live_connection& live,
                            std::optional<std::size_t> reset_after) {
  using namespace asio::experimental::awaitable_operators;
  constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
  // Named, not built inside the co_await: GCC 12 mishandles such temporaries (bug 99576).
  auto to_target = pump(client, target, live, unlimited);
  auto to_client = pump(target, client, live, reset_after.value_or(unlimited));
  auto both_ways = std::move(to_target) && std::move(to_client);
  co_await std::move(both_ways);
  if (live.stopping()) co_return;
  co_await graceful_close(client, live);
  target.close();
}

template asio::awaitable<void> relay(beast::tcp_stream&, beast::tcp_stream&, live_connection&,
                                     std::optional<std::size_t>);
template asio::awaitable<void> relay(beast::ssl_stream<beast::tcp_stream>&, beast::tcp_stream&,
                                     live_connection&, std::optional<std::size_t>);

}  // namespace geocrawl::testing
