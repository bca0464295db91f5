#pragma once
// A plain http:// request Chromium sent in absolute form, forwarded to the destination in origin
// form and its response relayed back: one exchange per client connection (Connection: close both
// ways), so each request is one record with its status. Internal to the render layer.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "crawler/render/relay_state.hpp"
#include "crawler/render/relay_target.hpp"

namespace geocrawl {

using relay_http_request = boost::beast::http::request<boost::beast::http::string_body>;

// Sends `request` (its target rewritten to target.origin_form, hop-by-hop proxy headers dropped)
// over `upstream`, reads the response under the header cap, the view's remaining byte budget and
// the idle timeout between reads, and writes it to the client. Counts bytes into `record`, sets
// its status, and returns how the exchange ended (relayed, bad_response, idle_timeout, byte_cap,
// relay_stopped); the reason goes into `record` when it did not relay. Nothing is written to the
// client unless the whole response was read: a failure leaves the answer to the caller.
//
// Upstream: boost::beast::tcp_stream, tls_stream, tunneled_tls_stream (instantiated in
// relay_forward.cpp).
template <class Upstream>
boost::asio::awaitable<relay_outcome> forward_exchange(
    relay_state& state, boost::beast::tcp_stream& client, Upstream& upstream,
    relay_http_request& request, const relay_target& target, relay_request& record);

}  // namespace geocrawl
