#pragma once
// A CONNECT tunnel: bytes copied both ways between Chromium and the destination until either
// side ends it, nothing moves for the idle timeout, the view's byte budget runs out or the relay
// stops. The relay sees host:port and byte counts only; TLS runs end to end inside. Internal to
// the render layer.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "crawler/render/relay_state.hpp"

namespace geocrawl {

// `early` holds bytes the client sent after its CONNECT header, before our 200: they go first.
// Counts bytes into `record` and the relay's view budget; returns how the tunnel ended
// (relayed, idle_timeout, byte_cap, relay_stopped).
//
// Upstream: boost::beast::tcp_stream, tls_stream, tunneled_tls_stream (instantiated in
// relay_tunnel.cpp).
template <class Upstream>
boost::asio::awaitable<relay_outcome> run_tunnel(relay_state& state,
                                                 boost::beast::tcp_stream& client,
                                                 Upstream& upstream,
                                                 boost::beast::flat_buffer& early,
                                                 relay_request& record);

}  // namespace geocrawl
