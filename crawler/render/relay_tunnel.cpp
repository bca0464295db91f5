#include "crawler/render/relay_tunnel.hpp"

#include <array>
#include <type_traits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "proxies/tls_stream.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
using clock = std::chrono::steady_clock;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// What both directions and the idle watchdog share.
struct tunnel_progress {
  clock::time_point last_activity = clock::now();
  relay_outcome outcome = relay_outcome::relayed;
};

template <class Stream>
void close_stream(Stream& stream) {
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream).socket().close(ignored);
}

// The source ended in order: pass its FIN on, so the other side sees the end of what it was
// sent and the opposite direction runs to its own end. Over a TLS carrier (an https:// proxy)
// a bare FIN would read as truncation; that side is left to end on its own.
template <class Stream>
void end_sending(Stream& stream) {
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    boost::system::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  }
}

// Copies one direction. A read error that is not the end of the stream (a reset, a stop, a cut)
// ends the whole tunnel by closing both sides, which also ends the other direction's read.
template <class From, class To>
asio::awaitable<void> copy_direction(From& from, To& to, relay_state& state,
                                     tunnel_progress& progress, std::uint64_t& counter) {
  std::array<char, 16 * 1024> chunk;
  for (;;) {
    auto [read_error, n] = co_await from.async_read_some(asio::buffer(chunk), use_tuple);
    if (read_error == asio::error::eof) {
      end_sending(to);
      co_return;
    }
    if (read_error) {
      close_stream(from);
      close_stream(to);
      co_return;
    }
    progress.last_activity = clock::now();
    if (state.view_bytes + n > state.limits.max_view_bytes) {
      progress.outcome = relay_outcome::byte_cap;
      close_stream(from);
      close_stream(to);
      co_return;
    }
    state.view_bytes += n;
    counter += n;
    auto [write_error, written] = co_await asio::async_write(to, asio::buffer(chunk, n), use_tuple);
    if (write_error) {
      close_stream(from);
      close_stream(to);
      co_return;
    }
    progress.last_activity = clock::now();
  }
}

// Ends when nothing has moved either way for the idle timeout; the awaitable operator then
// cancels both directions. Cancelled itself when both directions are done.
asio::awaitable<void> idle_watchdog(tunnel_progress& progress, std::chrono::milliseconds idle) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_at(progress.last_activity + idle);
    auto [ec] = co_await timer.async_wait(use_tuple);
    if (ec) co_return;
    if (clock::now() >= progress.last_activity + idle) {
      progress.outcome = relay_outcome::idle_timeout;
      co_return;
    }
  }
}

}  // namespace

template <class Upstream>
asio::awaitable<relay_outcome> run_tunnel(relay_state& state, beast::tcp_stream& client,
                                          Upstream& upstream, beast::flat_buffer& early,
                                          relay_request& record) {
  tunnel_progress progress;
  if (early.size() > 0) {
    const auto n = early.size();
    if (state.view_bytes + n > state.limits.max_view_bytes) co_return relay_outcome::byte_cap;
    auto [ec, written] = co_await asio::async_write(upstream, early.data(), use_tuple);
    if (ec) co_return state.stopping ? relay_outcome::relay_stopped : relay_outcome::relayed;
    state.view_bytes += n;
    record.bytes_up += n;
    early.consume(n);
  }
  co_await ((copy_direction(client, upstream, state, progress, record.bytes_up) &&
             copy_direction(upstream, client, state, progress, record.bytes_down)) ||
            idle_watchdog(progress, state.limits.idle_timeout));
  close_stream(client);
  close_stream(upstream);
  if (state.stopping) co_return relay_outcome::relay_stopped;
  co_return progress.outcome;
}

template asio::awaitable<relay_outcome> run_tunnel(relay_state&, beast::tcp_stream&,
                                                   beast::tcp_stream&, beast::flat_buffer&,
                                                   relay_request&);
template asio::awaitable<relay_outcome> run_tunnel(relay_state&, beast::tcp_stream&, tls_stream&,
                                                   beast::flat_buffer&, relay_request&);
template asio::awaitable<relay_outcome> run_tunnel(relay_state&, beast::tcp_stream&,
                                                   tunneled_tls_stream&, beast::flat_buffer&,
                                                   relay_request&);

}  // namespace geocrawl
