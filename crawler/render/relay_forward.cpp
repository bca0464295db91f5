#include "crawler/render/relay_forward.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "proxies/tls_stream.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

relay_outcome ended(const relay_state& state, relay_outcome outcome, relay_request& record,
                    std::string reason) {
  if (state.stopping) return relay_outcome::relay_stopped;
  record.reason = std::move(reason);
  return outcome;
}

// The request as the destination should see it: origin form, and none of the headers meant for
// the relay itself (Chromium sends Proxy-Connection; no proxy credentials ever reach a site).
void to_origin_form(relay_http_request& request, const relay_target& target) {
  request.target(target.origin_form);
  request.erase("Proxy-Connection");
  request.erase(http::field::proxy_authorization);
  if (request.find(http::field::host) == request.end())
    request.set(http::field::host, target.authority);
  request.keep_alive(false);
}

}  // namespace

template <class Upstream>
asio::awaitable<relay_outcome> forward_exchange(relay_state& state, beast::tcp_stream& client,
                                                Upstream& upstream, relay_http_request& request,
                                                const relay_target& target, relay_request& record) {
  const auto idle = state.limits.idle_timeout;
  auto& upstream_tcp = beast::get_lowest_layer(upstream);
  to_origin_form(request, target);

  upstream_tcp.expires_after(idle);
  auto [write_error, sent] = co_await http::async_write(upstream, request, use_tuple);
  state.view_bytes += sent;
  record.bytes_up += sent;
  if (write_error == beast::error::timeout)
    co_return ended(state, relay_outcome::idle_timeout, record, "sending the request timed out");
  if (write_error)
    co_return ended(state, relay_outcome::bad_response, record,
                    "sending the request failed: " + write_error.message());

  http::response_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(state.limits.max_header_bytes));
  const auto budget =
      state.limits.max_view_bytes - std::min(state.view_bytes, state.limits.max_view_bytes);
  parser.body_limit(budget);
  // A response to HEAD has a length but no body (basic_parser.hpp: skip).
  if (request.method() == http::verb::head) parser.skip(true);
  beast::flat_buffer buffer;
  // The idle timeout bounds each read, not the whole response: a large download that keeps
  // moving is not cut, one that stalls is.
  while (!parser.is_done()) {
    upstream_tcp.expires_after(idle);
    auto [read_error, n] = co_await http::async_read_some(upstream, buffer, parser, use_tuple);
    state.view_bytes += n;
    record.bytes_down += n;
    if (parser.is_header_done()) record.status = parser.get().result_int();
    if (read_error == http::error::body_limit)
      co_return ended(state, relay_outcome::byte_cap, record, "the view's byte budget ran out");
    if (read_error == beast::error::timeout)
      co_return ended(state, relay_outcome::idle_timeout, record, "the response stalled");
    if (read_error)
      co_return ended(state, relay_outcome::bad_response, record,
                      "reading the response failed: " + read_error.message());
  }
  upstream_tcp.expires_never();

  auto& response = parser.get();
  response.keep_alive(false);
  client.expires_after(idle);
  auto [answer_error, answered] = co_await http::async_write(client, response, use_tuple);
  if (answer_error == beast::error::timeout)
    co_return ended(state, relay_outcome::idle_timeout, record, "the client stopped reading");
  co_return state.stopping ? relay_outcome::relay_stopped : relay_outcome::relayed;
}

template asio::awaitable<relay_outcome> forward_exchange(relay_state&, beast::tcp_stream&,
                                                         beast::tcp_stream&, relay_http_request&,
                                                         const relay_target&, relay_request&);
template asio::awaitable<relay_outcome> forward_exchange(relay_state&, beast::tcp_stream&,
                                                         tls_stream&, relay_http_request&,
                                                         const relay_target&, relay_request&);
template asio::awaitable<relay_outcome> forward_exchange(relay_state&, beast::tcp_stream&,
                                                         tunneled_tls_stream&, relay_http_request&,
                                                         const relay_target&, relay_request&);

}  // namespace geocrawl
