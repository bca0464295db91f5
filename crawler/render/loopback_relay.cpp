#include "crawler/render/loopback_relay.hpp"

#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/render/relay_connection.hpp"
#include "crawler/render/relay_state.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// An accept that fails for want of resources (EMFILE) would fail again at once; the loop waits
// this long before the next one instead of spinning.
constexpr auto accept_backoff = std::chrono::milliseconds(100);

std::optional<proxy_endpoint> tunnelling(std::optional<proxy_endpoint> proxy) {
  if (proxy) proxy->plain_http = plain_http_route::tunnel;
  return proxy;
}

}  // namespace

// Shared with the accept loop and every connection's completion, so a relay destroyed while
// they are still suspended leaves them nothing dangling.
struct loopback_relay::impl : std::enable_shared_from_this<loopback_relay::impl> {
  impl(asio::io_context& io, const fetch_environment& environment,
       std::optional<proxy_endpoint> proxy, relay_limits limits)
      : state(std::make_shared<relay_state>(environment, tunnelling(std::move(proxy)), limits)),
        acceptor(io, tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), 0)),
        slot_freed(io),
        port(acceptor.local_endpoint().port()) {}

  static asio::awaitable<void> accept_loop(std::shared_ptr<impl> self);
  void spawn(tcp::socket socket);
  void stop();

  std::shared_ptr<relay_state> state;
  tcp::acceptor acceptor;
  // Waited on while max_connections are open; cancelled whenever one closes.
  asio::steady_timer slot_freed;
  const std::uint16_t port;  // kept: the acceptor has no endpoint once closed
};

asio::awaitable<void> loopback_relay::impl::accept_loop(std::shared_ptr<impl> self) {
  auto& state = self->state;
  auto& slot_freed = self->slot_freed;
  for (;;) {
    while (state->live.size() >= state->limits.max_connections && !state->stopping) {
      slot_freed.expires_at(asio::steady_timer::time_point::max());
      co_await slot_freed.async_wait(use_tuple);
    }
    if (state->stopping) co_return;
    auto [ec, socket] = co_await self->acceptor.async_accept(use_tuple);
    if (state->stopping) co_return;
    if (ec) {
      slot_freed.expires_after(accept_backoff);
      co_await slot_freed.async_wait(use_tuple);
      continue;
    }
    // Bound to 127.0.0.1, only this machine can connect; a peer that is not loopback anyway
    // (a routing trick) is dropped unread.
    boost::system::error_code peer_error;
    const auto peer = socket.remote_endpoint(peer_error);
    if (peer_error || !peer.address().is_loopback()) {
      ++state->log.connections_refused;
      continue;
    }
    self->spawn(std::move(socket));
  }
}

void loopback_relay::impl::spawn(tcp::socket socket) {
  auto client = std::make_shared<relay_client>(beast::tcp_stream(std::move(socket)));
  state->live.insert(client.get());
  auto done = [self = shared_from_this(), client](std::exception_ptr error) {
    auto& shared = *self->state;
    shared.live.erase(client.get());
    // A cancelled coroutine throws at its next wait; anything else is a surprise. Either way
    // its request is recorded once, here, as the view's log must list every request.
    if (error && client->in_flight) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& surprise) {
        client->in_flight->outcome =
            shared.stopping ? relay_outcome::relay_stopped : relay_outcome::internal_error;
        client->in_flight->reason = shared.stopping ? "the relay stopped" : surprise.what();
      }
      shared.record(*client);
    }
    client->client.close();
    self->slot_freed.cancel();
  };
  asio::co_spawn(acceptor.get_executor(), serve_relay_client(state, client),
                 asio::bind_cancellation_slot(client->cancel.slot(), std::move(done)));
}

void loopback_relay::impl::stop() {
  if (state->stopping) return;
  state->stopping = true;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  slot_freed.cancel();
  // Closing the sockets ends every read and write; the signal ends a dial, which has no socket
  // of ours to close yet.
  const std::vector<relay_client*> live(state->live.begin(), state->live.end());
  for (auto* client : live) {
    client->client.close();
    if (client->upstream) client->upstream->close();
    client->cancel.emit(asio::cancellation_type::terminal);
  }
}

loopback_relay::loopback_relay(asio::io_context& io, const fetch_environment& environment,
                               std::optional<proxy_endpoint> proxy, relay_limits limits)
    : impl_(std::make_shared<impl>(io, environment, std::move(proxy), limits)) {
  // A surprise in the accept loop is rethrown from the io_context's run().
  asio::co_spawn(io, impl::accept_loop(impl_), [](std::exception_ptr error) {
    if (error) std::rethrow_exception(error);
  });
}

loopback_relay::~loopback_relay() { impl_->stop(); }

std::uint16_t loopback_relay::port() const noexcept {
  return impl_->acceptor.local_endpoint().port();
}

void loopback_relay::stop() { impl_->stop(); }

std::size_t loopback_relay::open_connections() const noexcept { return impl_->state->live.size(); }

const relay_request_log& loopback_relay::log() const noexcept { return impl_->state->log; }

}  // namespace geocrawl
