#include "tests/support/test_connect_proxy.hpp"

#include "tests/support/loopback_server.hpp"
#include "tests/support/proxy_upstream.hpp"
#include "tests/support/record_log.hpp"
#include "tests/support/test_origin.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/url/authority_view.hpp>
#include <boost/url/parse.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <limits>

namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
namespace urls = boost::urls;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr std::string_view established = "HTTP/1.1 200 Connection established\r\n\r\n";
// What garbage_reply answers with: an SSH banner, as a client meets it when pointed at the wrong
// port.
constexpr std::string_view garbage = "SSH-2.0-OpenSSH_9.2p1\r\n";

// Where a request asks to go.
struct destination {
  std::string host;  // a name or an IP literal, IPv6 without brackets
  std::uint16_t port = 0;
  std::string origin_form;  // the path and query a forwarded request asks for
};

// CONNECT's only form: "host:port", an IPv6 host in brackets, the port required.
std::optional<destination> tunnel_destination(std::string_view target) {
  const auto authority = urls::parse_authority(target);
  if (!authority || authority->has_userinfo() || authority->port_number() == 0) return std::nullopt;
  return destination{authority->host_address(), authority->port_number(), ""};
}

// "http://host[:port][/path][?query]". Only http: forwarding https would make the proxy the TLS
// client of the origin, which no client asks of it (they CONNECT instead).
std::optional<destination> forward_destination(std::string_view target) {
  const auto url = urls::parse_absolute_uri(target);
  if (!url || url->scheme_id() != urls::scheme::http || url->host_address().empty()) {
    return std::nullopt;
  }
  const std::uint16_t port = url->has_port() ? url->port_number() : 80;
  if (port == 0) return std::nullopt;
  std::string origin_form(url->encoded_target());
  if (origin_form.empty()) origin_form = "/";
  return destination{url->host_address(), port, std::move(origin_form)};
}

// The token of "Basic <token>" for these credentials.
std::string basic_token(const proxy_credentials& credentials) {
  const std::string plain = credentials.username + ":" + credentials.password;
  std::string token(4 * ((plain.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock adds a NUL
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(token.data()),
                                     reinterpret_cast<const unsigned char*>(plain.data()),
                                     static_cast<int>(plain.size()));
  token.resize(static_cast<std::size_t>(length));
  return token;
}

// A complete small answer after which the proxy closes.
std::string answer(int status, header_list headers = {}) {
  headers.emplace_back("Content-Type", "text/plain");
  headers.emplace_back("Connection", "close");
  // http_response builds the message as one write step.
  return http_response(status, std::move(headers), status_line(status)).front().bytes();
}

// The request in origin-form, for the origin. Fields meant for the proxy are dropped, and
// Connection: close replaces the client's: the proxy serves one request per connection and
// relays until the origin closes.
std::string origin_request(const http::request_header<>& request, std::string_view origin_form) {
  std::string text(request.method_string());
  text += " " + std::string(origin_form) + " HTTP/1.1\r\n";
  for (const auto& field : request) {
    switch (field.name()) {
      case http::field::connection:
      case http::field::keep_alive:
      case http::field::proxy_authorization:
      case http::field::proxy_connection:
        break;
      default:
        text += std::string(field.name_string()) + ": " + std::string(field.value()) + "\r\n";
    }
  }
  return text + "Connection: close\r\n\r\n";
}

}  // namespace

// Concurrency rule: all network state belongs to server_'s io thread; the test thread reads only
// the records. server_ is declared last so it is destroyed first (see loopback_server).
struct test_connect_proxy::impl {
  explicit impl(connect_proxy_options options);

  // The options' misbehaviour for this connection, or none while honest connections last.
  struct script {
    connect_proxy_behaviour behaviour = connect_proxy_behaviour::normal;
    std::optional<int> status;
  };
  script next_script();

  asio::awaitable<void> serve(tcp::socket socket);
  template <class Stream>
  asio::awaitable<void> serve_client(Stream& client);
  template <class Stream>
  asio::awaitable<void> serve_request(Stream& client, beast::tcp_stream& target,
                                      live_connection& live, const script& misbehaviour);
  template <class Stream>
  asio::awaitable<void> refuse(Stream& client, live_connection& live, proxied_request& request,
                               int status, header_list headers = {});
  proxy_auth auth_of(const http::request_header<>& request) const;
  std::string url(const std::optional<proxy_credentials>& credentials) const;

  const connect_proxy_options options_;
  const std::optional<std::string> expected_token_;  // of Proxy-Authorization: Basic
  const proxy_upstream upstream_;

  record_log<proxied_request> requests_;
  std::size_t served_ = 0;  // connections begun; io thread only

  std::optional<ssl::context> tls_context_;
  loopback_server server_;
};

test_connect_proxy::impl::impl(connect_proxy_options options)
    : options_(std::move(options)),
      expected_token_(options_.credentials ? std::optional(basic_token(*options_.credentials))
                                           : std::nullopt),
      upstream_(options_.hosts, options_.outgoing_address),
      tls_context_(options_.tls ? std::optional(server_tls_context(*options_.tls)) : std::nullopt),
      server_("test_connect_proxy", options_.bind_address,
              [this](tcp::socket socket) { return serve(std::move(socket)); }) {}

std::string test_connect_proxy::impl::url(
    const std::optional<proxy_credentials>& credentials) const {
  return proxy_url(options_.tls ? "https" : "http", options_.bind_address, server_.port(),
                   credentials);
}

proxy_auth test_connect_proxy::impl::auth_of(const http::request_header<>& request) const {
  const auto found = request.find(http::field::proxy_authorization);
  if (found == request.end()) return proxy_auth::none;
  if (!expected_token_) return proxy_auth::accepted;
  const std::string_view value = found->value();
  const auto space = value.find(' ');
  const bool right = space != std::string_view::npos &&
                     beast::iequals(value.substr(0, space), "Basic") &&
                     value.substr(space + 1) == *expected_token_;
  return right ? proxy_auth::accepted : proxy_auth::refused;
}

test_connect_proxy::impl::script test_connect_proxy::impl::next_script() {
  if (served_++ < options_.honest_connections) return {};
  return {options_.behaviour, options_.status};
}

asio::awaitable<void> test_connect_proxy::impl::serve(tcp::socket socket) {
  if (tls_context_) {
    beast::ssl_stream<beast::tcp_stream> client(beast::tcp_stream(std::move(socket)),
                                                *tls_context_);
    co_await serve_client(client);
  } else {
    beast::tcp_stream client(std::move(socket));
    co_await serve_client(client);
  }
}

template <class Stream>
asio::awaitable<void> test_connect_proxy::impl::serve_client(Stream& client) {
  beast::tcp_stream target(client.get_executor());
  live_connection live(server_, {&beast::get_lowest_layer(client), &target});
  // The destructor may have run between accept and this coroutine's first step.
  if (live.stopping()) co_return;
  const script misbehaviour = next_script();
  if constexpr (is_tls<Stream>) {
    auto [ec] = co_await client.async_handshake(ssl::stream_base::server, use_tuple);
    if (ec || live.stopping()) co_return;  // typically the client rejected our certificate
  }
  if (misbehaviour.behaviour == connect_proxy_behaviour::never_reply) {
    co_await drain_until_closed(client);
    co_return;
  }
  co_await serve_request(client, target, live, misbehaviour);
}

template <class Stream>
asio::awaitable<void> test_connect_proxy::impl::serve_request(Stream& client,
                                                              beast::tcp_stream& target,
                                                              live_connection& live,
                                                              const script& misbehaviour) {
  beast::flat_buffer buffer;
  http::request_parser<http::empty_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
      options_.max_request_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  auto [read_ec, header_bytes] =
      co_await http::async_read_header(client, buffer, parser, use_tuple);
  if (live.stopping()) co_return;
  if (read_ec) {
    // A client that closed or failed has nobody left to answer; one that sent something that is
    // not HTTP, or too much of it, gets told.
    const bool malformed =
        read_ec.category() == http::make_error_code(http::error::bad_target).category() &&
        read_ec != http::error::end_of_stream && read_ec != http::error::partial_message;
    if (!malformed) co_return;
    const std::string refusal = answer(read_ec == http::error::header_limit ? 431 : 400);
    co_await write_and_close(client, live, refusal);
    co_return;
  }

  const auto& header = parser.get();
  proxied_request request{std::string(header.method_string()), std::string(header.target()),
                          auth_of(header)};
  if (misbehaviour.behaviour == connect_proxy_behaviour::garbage_reply) {
    requests_.add(request);
    co_await write_and_close(client, live, garbage);
    co_return;
  }
  if (options_.credentials && request.auth != proxy_auth::accepted) {
    co_await refuse(client, live, request, 407);
    co_return;
  }
  if (misbehaviour.status) {
    co_await refuse(client, live, request, *misbehaviour.status);
    co_return;
  }
  const bool tunnel = header.method() == http::verb::connect;
  const auto where =
      tunnel ? tunnel_destination(request.target) : forward_destination(request.target);
  if (!where) {
    co_await refuse(client, live, request, 400);
    co_return;
  }
  const error_code connect_ec = co_await upstream_.connect(target, where->host, where->port);
  if (live.stopping()) co_return;
  if (connect_ec) {
    // A name not in the table, or unreachable: said the RFC 9209 way, as a proxy that follows it
    // says it, so a client can tell this page from the site's. Named, not a temporary in the
    // co_await: GCC 12 destroys those twice (GCC bug 99576).
    header_list why = {{"Proxy-Status", "test_connect_proxy; error=destination_unavailable"}};
    co_await refuse(client, live, request, 502, std::move(why));
    co_return;
  }
  request.outgoing_address = local_address(target);

  if (tunnel) {
    request.status = 200;
    requests_.add(request);
    auto [ec, n] = co_await asio::async_write(client, asio::buffer(established), use_tuple);
    if (ec || live.stopping()) co_return;
  } else {
    requests_.add(request);
    const std::string forwarded = origin_request(header, where->origin_form);
    auto [ec, n] = co_await asio::async_write(target, asio::buffer(forwarded), use_tuple);
    if (ec || live.stopping()) co_return;
  }
  // Whatever the client sent after its header (a request body, or the first bytes through the
  // tunnel) was read along with it.
  auto [early_ec, early_n] = co_await asio::async_write(target, buffer.data(), use_tuple);
  if (early_ec || live.stopping()) co_return;
  const auto reset_after = misbehaviour.behaviour == connect_proxy_behaviour::die_mid_transfer
                               ? std::optional(options_.die_after_bytes)
                               : std::nullopt;
  co_await relay(client, target, live, reset_after);
}

// Records the request with the status, answers with it and closes. A 407 carries the challenge.
template <class Stream>
asio::awaitable<void> test_connect_proxy::impl::refuse(Stream& client, live_connection& live,
                                                       proxied_request& request, int status,
                                                       header_list headers) {
  request.status = status;
  requests_.add(request);
  if (status == 407) headers.emplace_back("Proxy-Authenticate", "Basic realm=\"test\"");
  const std::string refusal = answer(status, std::move(headers));
  co_await write_and_close(client, live, refusal);
}

test_connect_proxy::test_connect_proxy(connect_proxy_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}

test_connect_proxy::~test_connect_proxy() = default;

std::uint16_t test_connect_proxy::port() const noexcept { return impl_->server_.port(); }

std::string test_connect_proxy::url() const { return impl_->url(std::nullopt); }

std::string test_connect_proxy::url(const proxy_credentials& credentials) const {
  return impl_->url(credentials);
}

std::vector<proxied_request> test_connect_proxy::requests() const { return impl_->requests_.all(); }

std::size_t test_connect_proxy::connections() const { return impl_->server_.connections(); }

}  // namespace geocrawl::testing
