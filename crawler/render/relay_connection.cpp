#include "crawler/render/relay_connection.hpp"

#include <array>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "crawler/render/relay_dial.hpp"
#include "crawler/render/relay_forward.hpp"
#include "crawler/render/relay_tunnel.hpp"
#include "proxies/dial_error.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock = std::chrono::steady_clock;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t max_target_bytes = 2000;

// The status Chromium gets for a request the relay did not carry. The body is the outcome's
// word only: a reason may name the proxy (redacted) and is the log's, not the page's.
http::status answer_status(relay_outcome outcome) {
  switch (outcome) {
    case relay_outcome::blocked_address:
    case relay_outcome::bad_destination:
      return http::status::forbidden;
    case relay_outcome::malformed_request:
      return http::status::bad_request;
    case relay_outcome::idle_timeout:
      return http::status::gateway_timeout;
    default:
      return http::status::bad_gateway;
  }
}

asio::awaitable<void> answer(beast::tcp_stream& client, relay_outcome outcome,
                             std::chrono::milliseconds idle) {
  http::response<http::string_body> response{answer_status(outcome), 11};
  response.set(http::field::content_type, "text/plain");
  response.body() = std::string(to_string(outcome)) + "\n";
  response.keep_alive(false);
  response.prepare_payload();
  client.expires_after(idle);
  co_await http::async_write(client, response, use_tuple);
}

// After our FIN, how long the relay reads what the client still sends before it closes.
constexpr auto close_linger = std::chrono::milliseconds(500);

// The end of a connection the relay is done with. Closing a socket with unread bytes in its
// receive queue (the rest of an oversized header, a body never read) sends a reset, and a reset
// can destroy the answer written just before in the client's queue; so FIN first, then read and
// discard, briefly, until the client's FIN.
asio::awaitable<void> close_client(beast::tcp_stream& client) {
  boost::system::error_code ignored;
  client.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  client.expires_after(close_linger);
  std::array<char, 4096> scratch;
  for (;;) {
    auto [ec, n] = co_await client.async_read_some(asio::buffer(scratch), use_tuple);
    if (ec) break;
  }
  client.close();
}

relay_outcome outcome_of(const view_error& error) {
  return error.code == dial_errc::blocked_target ? relay_outcome::blocked_address
                                                 : relay_outcome::dial_failed;
}

std::string bounded(std::string_view text) { return std::string(text.substr(0, max_target_bytes)); }

}  // namespace

asio::awaitable<void> serve_relay_client(std::shared_ptr<relay_state> state,
                                         std::shared_ptr<relay_client> client) {
  auto& stream = client->client;
  const auto idle = state->limits.idle_timeout;
  beast::flat_buffer buffer;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(state->limits.max_header_bytes));
  parser.body_limit(state->limits.max_request_body_bytes);

  stream.expires_after(idle);
  auto [header_error, header_bytes] =
      co_await http::async_read_header(stream, buffer, parser, use_tuple);
  if (header_error) {
    const bool said_nothing = header_bytes == 0 && buffer.size() == 0;
    // Nothing to answer and nothing unread: a plain close.
    if (said_nothing || state->stopping) {
      stream.close();
      co_return;
    }
    client->in_flight = relay_request{.target = "", .outcome = relay_outcome::malformed_request};
    client->in_flight->started = std::chrono::system_clock::now();
    client->in_flight_start = clock::now();
    client->in_flight->reason = header_error == http::error::header_limit
                                    ? "the request header is over " +
                                          std::to_string(state->limits.max_header_bytes) + " bytes"
                                    : "not an HTTP request: " + header_error.message();
    state->record(*client);
    co_await answer(stream, relay_outcome::malformed_request, idle);
    co_await close_client(stream);
    co_return;
  }

  auto& request = parser.get();
  const bool tunnel = request.method() == http::verb::connect;
  client->in_flight = relay_request{
      .method = tunnel ? relay_method::connect : relay_method::forward,
      .http_method = bounded(request.method_string()),
      .target = bounded(request.target()),
  };
  client->in_flight->started = std::chrono::system_clock::now();
  client->in_flight_start = clock::now();
  auto& record = *client->in_flight;

  // Every refusal: recorded, answered with its status, closed. Temporaries stay out of the
  // co_await expressions (GCC bug 99576 destroys them twice).
  relay_outcome refusal = relay_outcome::relayed;
  auto target =
      tunnel ? parse_connect_target(request.target()) : parse_forward_target(request.target());
  if (!target) {
    refusal = relay_outcome::bad_destination;
    record.reason = target.error();
  }
  if (!target.has_error() && !tunnel && !parser.is_done()) {
    // The body of a forwarded request (a form post), under its own cap.
    stream.expires_after(idle);
    auto [body_error, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (body_error) {
      refusal = relay_outcome::malformed_request;
      record.reason = "reading the request body failed: " + body_error.message();
    }
  }
  stream.expires_never();
  if (refusal != relay_outcome::relayed) {
    record.outcome = refusal;
    state->record(*client);
    co_await answer(stream, refusal, idle);
    co_await close_client(stream);
    co_return;
  }

  auto dialed = co_await dial_destination(*state, *target);
  if (!dialed) {
    record.outcome = outcome_of(dialed.error());
    record.reason = dialed.error().message;
    const auto outcome = record.outcome;
    state->record(*client);
    co_await answer(stream, outcome, idle);
    co_await close_client(stream);
    co_return;
  }
  if (state->stopping) {
    record.outcome = relay_outcome::relay_stopped;
    state->record(*client);
    co_return;
  }

  auto carry = [&](auto& upstream) -> asio::awaitable<relay_outcome> {
    client->upstream = &beast::get_lowest_layer(upstream);
    if (tunnel) {
      static constexpr std::string_view established = "HTTP/1.1 200 Connection established\r\n\r\n";
      stream.expires_after(idle);
      auto [ec, n] = co_await asio::async_write(stream, asio::buffer(established), use_tuple);
      stream.expires_never();
      if (ec) co_return state->stopping ? relay_outcome::relay_stopped : relay_outcome::relayed;
      co_return co_await run_tunnel(*state, stream, upstream, buffer, record);
    }
    co_return co_await forward_exchange(*state, stream, upstream, request, *target, record);
  };
  auto carrying = std::visit(carry, *dialed);
  const auto outcome = co_await std::move(carrying);
  client->upstream = nullptr;
  record.outcome = outcome;
  if (outcome == relay_outcome::idle_timeout && record.reason.empty())
    record.reason = "nothing moved either way for " + std::to_string(idle.count()) + " ms";
  if (outcome == relay_outcome::byte_cap && record.reason.empty())
    record.reason = "the view's byte budget ran out";
  const bool answered = tunnel || outcome == relay_outcome::relayed;
  state->record(*client);
  if (!answered && !state->stopping) co_await answer(stream, outcome, idle);
  co_await close_client(stream);
}

}  // namespace geocrawl
