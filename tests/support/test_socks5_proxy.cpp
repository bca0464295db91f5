#include "tests/support/test_socks5_proxy.hpp"

#include "tests/support/loopback_server.hpp"
#include "tests/support/proxy_upstream.hpp"
#include "tests/support/record_log.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>

#include <stdexcept>

namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr char socks_version = 5;
constexpr char password_auth_version = 1;  // RFC 1929's sub-negotiation version
constexpr char method_none = 0;
constexpr char method_password = 2;
constexpr char method_unacceptable = '\xff';
constexpr char command_connect = 1;

// RFC 1928 section 6.
enum reply_code : std::uint8_t {
  succeeded = 0,
  general_failure = 1,
  network_unreachable = 3,
  host_unreachable = 4,
  connection_refused = 5,
  ttl_expired = 6,
  command_not_supported = 7,
  address_type_not_supported = 8,
};

// What garbage_reply answers a greeting with: an HTTP error, as a client meets it when pointed at
// an HTTP port by mistake.
constexpr std::string_view garbage = "HTTP/1.1 400 Bad Request\r\n\r\n";

std::uint8_t reply_for(const error_code& connect_error) {
  if (connect_error == asio::error::host_not_found) return host_unreachable;
  if (connect_error == asio::error::connection_refused) return connection_refused;
  if (connect_error == asio::error::network_unreachable) return network_unreachable;
  if (connect_error == asio::error::host_unreachable) return host_unreachable;
  // RFC 1928 has no code for a connect that timed out; TTL expired is the nearest.
  if (connect_error == beast::error::timeout) return ttl_expired;
  return general_failure;
}

// Reads exactly n bytes; nullopt if the connection ended first (the client gave up, or the proxy
// is stopping).
asio::awaitable<std::optional<std::string>> read_bytes(beast::tcp_stream& stream, std::size_t n) {
  std::string bytes(n, '\0');
  auto [ec, read] = co_await asio::async_read(stream, asio::buffer(bytes), use_tuple);
  if (ec) co_return std::nullopt;
  co_return bytes;
}

// A length byte, then that many bytes: every variable-length SOCKS field, so at most 255.
asio::awaitable<std::optional<std::string>> read_counted(beast::tcp_stream& stream) {
  const auto count = co_await read_bytes(stream, 1);
  if (!count) co_return std::nullopt;
  co_return co_await read_bytes(stream, static_cast<std::uint8_t>(count->front()));
}

// The version byte must be `version`; then the counted field that follows (the methods of a
// greeting, the user name of an RFC 1929 request).
asio::awaitable<std::optional<std::string>> read_versioned(beast::tcp_stream& stream,
                                                           char version) {
  const auto got = co_await read_bytes(stream, 1);
  if (!got || got->front() != version) co_return std::nullopt;
  co_return co_await read_counted(stream);
}

// An IPv4 or IPv6 address as its bytes, returned as text.
template <class Address>
asio::awaitable<std::optional<std::string>> read_address(beast::tcp_stream& stream) {
  typename Address::bytes_type bytes;
  auto [ec, n] = co_await asio::async_read(stream, asio::buffer(bytes), use_tuple);
  if (ec) co_return std::nullopt;
  co_return Address(bytes).to_string();
}

// DST.ADDR for an address type; nullopt for an unknown type or a connection that ended.
asio::awaitable<std::optional<std::string>> read_host(beast::tcp_stream& stream,
                                                      socks5_address_type type) {
  switch (type) {
    case socks5_address_type::ipv4:
      co_return co_await read_address<asio::ip::address_v4>(stream);
    case socks5_address_type::ipv6:
      co_return co_await read_address<asio::ip::address_v6>(stream);
    case socks5_address_type::domain:
      co_return co_await read_counted(stream);
    case socks5_address_type::none:
      break;
  }
  co_return std::nullopt;
}

// VER REP RSV ATYP BND.ADDR BND.PORT. A failure names no address: 0.0.0.0:0.
std::string reply_message(std::uint8_t code, const tcp::endpoint& bound) {
  std::string message{socks_version, static_cast<char>(code), 0};
  if (bound.address().is_v6()) {
    message += static_cast<char>(socks5_address_type::ipv6);
    for (const auto byte : bound.address().to_v6().to_bytes()) message += static_cast<char>(byte);
  } else {
    message += static_cast<char>(socks5_address_type::ipv4);
    for (const auto byte : bound.address().to_v4().to_bytes()) message += static_cast<char>(byte);
  }
  message += static_cast<char>(bound.port() >> 8);
  message += static_cast<char>(bound.port() & 0xff);
  return message;
}

}  // namespace

// Concurrency rule: all network state belongs to server_'s io thread; the test thread reads only
// the records. server_ is declared last so it is destroyed first (see loopback_server).
struct test_socks5_proxy::impl {
  explicit impl(socks5_proxy_options options);

  // The options' misbehaviour for this connection, or none while honest connections last.
  struct script {
    socks5_behaviour behaviour = socks5_behaviour::normal;
    std::optional<std::uint8_t> reply_code;
    bool moved = false;  // reach the target from moved_outgoing_address
  };
  script next_script();

  asio::awaitable<void> serve(tcp::socket socket);
  asio::awaitable<bool> negotiate(beast::tcp_stream& client, live_connection& live,
                                  socks5_request& request, socks5_behaviour behaviour);
  asio::awaitable<bool> authenticate(beast::tcp_stream& client, live_connection& live,
                                     socks5_request& request);
  asio::awaitable<bool> read_request(beast::tcp_stream& client, live_connection& live,
                                     socks5_request& request);
  asio::awaitable<std::uint8_t> open_target(const proxy_upstream& upstream,
                                            beast::tcp_stream& target, socks5_request& request);
  std::string url(std::string_view scheme,
                  const std::optional<proxy_credentials>& credentials) const;

  const socks5_proxy_options options_;
  const proxy_upstream upstream_;
  const proxy_upstream moved_upstream_;

  record_log<socks5_request> requests_;
  std::size_t served_ = 0;  // connections begun; io thread only

  loopback_server server_;
};

test_socks5_proxy::impl::impl(socks5_proxy_options options)
    : options_(std::move(options)),
      upstream_(options_.hosts, options_.outgoing_address),
      moved_upstream_(options_.hosts, options_.moved_outgoing_address),
      server_("test_socks5_proxy", options_.bind_address,
              [this](tcp::socket socket) { return serve(std::move(socket)); }) {}

std::string test_socks5_proxy::impl::url(
    std::string_view scheme, const std::optional<proxy_credentials>& credentials) const {
  if (scheme != "socks5" && scheme != "socks5h") {
    throw std::invalid_argument("a SOCKS5 proxy URL's scheme is socks5 or socks5h");
  }
  return proxy_url(scheme, options_.bind_address, server_.port(), credentials);
}

test_socks5_proxy::impl::script test_socks5_proxy::impl::next_script() {
  const auto ordinal = served_++;
  const bool moved =
      !options_.moved_outgoing_address.empty() && ordinal >= options_.move_after_connections;
  if (ordinal < options_.honest_connections) return {.moved = moved};
  return {options_.behaviour, options_.reply_code, moved};
}

asio::awaitable<void> test_socks5_proxy::impl::serve(tcp::socket socket) {
  beast::tcp_stream client(std::move(socket));
  beast::tcp_stream target(client.get_executor());
  live_connection live(server_, {&client, &target});
  // The destructor may have run between accept and this coroutine's first step.
  if (live.stopping()) co_return;
  const auto [behaviour, reply_code, moved] = next_script();
  if (behaviour == socks5_behaviour::never_reply) {
    co_await drain_until_closed(client);
    co_return;
  }

  socks5_request request;
  if (!co_await negotiate(client, live, request, behaviour)) co_return;
  if (!co_await read_request(client, live, request)) co_return;
  if (reply_code) {
    request.reply = *reply_code;
  } else {
    request.reply = co_await open_target(moved ? moved_upstream_ : upstream_, target, request);
    if (live.stopping()) co_return;
  }
  requests_.add(request);

  if (!target.socket().is_open()) {
    const std::string refusal = reply_message(request.reply, {});
    co_await write_and_close(client, live, refusal);
    co_return;
  }
  error_code ignored;
  const std::string reply = reply_message(request.reply, target.socket().local_endpoint(ignored));
  auto [reply_ec, reply_n] = co_await asio::async_write(client, asio::buffer(reply), use_tuple);
  if (reply_ec || live.stopping()) co_return;
  const auto reset_after = behaviour == socks5_behaviour::die_mid_transfer
                               ? std::optional(options_.die_after_bytes)
                               : std::nullopt;
  co_await relay(client, target, live, reset_after);
}

// The greeting, the method choice and, with credentials, RFC 1929. False once the connection is
// over: malformed, refused, or misbehaving on purpose.
//
// Nothing malformed gets an answer: SOCKS has no way to say "malformed", and the close tells the
// client as much as anything could.
asio::awaitable<bool> test_socks5_proxy::impl::negotiate(beast::tcp_stream& client,
                                                         live_connection& live,
                                                         socks5_request& request,
                                                         socks5_behaviour behaviour) {
  const auto methods = co_await read_versioned(client, socks_version);
  if (!methods || live.stopping()) co_return false;
  if (behaviour == socks5_behaviour::close_after_greeting) {
    co_await graceful_close(client, live);
    co_return false;
  }
  if (behaviour == socks5_behaviour::garbage_reply) {
    co_await write_and_close(client, live, garbage);
    co_return false;
  }

  const char method = options_.credentials ? method_password : method_none;
  if (methods->find(method) == std::string::npos) {
    static constexpr char no_method[] = {socks_version, method_unacceptable};
    co_await write_and_close(client, live, std::string_view(no_method, sizeof no_method));
    co_return false;
  }
  const char chosen[] = {socks_version, method};
  auto [ec, n] = co_await asio::async_write(client, asio::buffer(chosen), use_tuple);
  if (ec || live.stopping()) co_return false;
  if (!options_.credentials) co_return true;
  co_return co_await authenticate(client, live, request);
}

// VER CMD RSV ATYP DST.ADDR DST.PORT into the request. Another command or an unknown address type
// is answered as RFC 1928 says, and ends the connection.
asio::awaitable<bool> test_socks5_proxy::impl::read_request(beast::tcp_stream& client,
                                                            live_connection& live,
                                                            socks5_request& request) {
  const auto head = co_await read_bytes(client, 4);
  if (!head || live.stopping() || (*head)[0] != socks_version) co_return false;
  request.address_type = static_cast<socks5_address_type>(static_cast<std::uint8_t>((*head)[3]));
  const auto host = co_await read_host(client, request.address_type);
  if (live.stopping()) co_return false;
  if (!host) {
    const std::string unsupported = reply_message(address_type_not_supported, {});
    co_await write_and_close(client, live, unsupported);
    co_return false;
  }
  const auto port = co_await read_bytes(client, 2);
  if (!port || live.stopping()) co_return false;
  if ((*head)[1] != command_connect) {
    const std::string unsupported = reply_message(command_not_supported, {});
    co_await write_and_close(client, live, unsupported);
    co_return false;
  }
  request.host = *host;
  request.port = static_cast<std::uint16_t>(static_cast<std::uint8_t>((*port)[0]) << 8 |
                                            static_cast<std::uint8_t>((*port)[1]));
  co_return true;
}

// RFC 1929: VER ULEN UNAME PLEN PASSWD, answered VER STATUS. A refusal is recorded, then closes.
asio::awaitable<bool> test_socks5_proxy::impl::authenticate(beast::tcp_stream& client,
                                                            live_connection& live,
                                                            socks5_request& request) {
  const auto username = co_await read_versioned(client, password_auth_version);
  if (!username || live.stopping()) co_return false;
  const auto password = co_await read_counted(client);
  if (!password || live.stopping()) co_return false;
  request.username = *username;
  const bool right = (options_.any_username || *username == options_.credentials->username) &&
                     *password == options_.credentials->password;
  request.auth = right ? proxy_auth::accepted : proxy_auth::refused;
  const char status[] = {password_auth_version, right ? '\0' : '\1'};
  if (!right) {
    requests_.add(request);
    co_await write_and_close(client, live, std::string_view(status, sizeof status));
    co_return false;
  }
  auto [ec, n] = co_await asio::async_write(client, asio::buffer(status), use_tuple);
  co_return !ec && !live.stopping();
}

// The reply code says how connecting went; the target stream is open only on success.
asio::awaitable<std::uint8_t> test_socks5_proxy::impl::open_target(const proxy_upstream& upstream,
                                                                   beast::tcp_stream& target,
                                                                   socks5_request& request) {
  const error_code ec = co_await upstream.connect(target, request.host, request.port);
  if (ec) co_return reply_for(ec);
  request.outgoing_address = local_address(target);
  co_return succeeded;
}

test_socks5_proxy::test_socks5_proxy(socks5_proxy_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}

test_socks5_proxy::~test_socks5_proxy() = default;

std::uint16_t test_socks5_proxy::port() const noexcept { return impl_->server_.port(); }

std::string test_socks5_proxy::url(std::string_view scheme) const {
  return impl_->url(scheme, std::nullopt);
}

std::string test_socks5_proxy::url(std::string_view scheme,
                                   const proxy_credentials& credentials) const {
  return impl_->url(scheme, credentials);
}

std::vector<socks5_request> test_socks5_proxy::requests() const { return impl_->requests_.all(); }

std::size_t test_socks5_proxy::connections() const { return impl_->server_.connections(); }

}  // namespace geocrawl::testing
