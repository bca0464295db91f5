#pragma once
// A relay destination dialled the way every view dials: through the vantage's proxy (SOCKS5 or
// HTTP CONNECT, remote DNS where the proxy offers it) or directly, under the target address
// policy, within the connect timeout. Internal to the render layer.
#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include "crawler/http/hop_connection.hpp"
#include "crawler/render/relay_state.hpp"
#include "crawler/render/relay_target.hpp"

namespace geocrawl {

// A byte stream to the destination: TCP, or TLS to an https:// proxy carrying the tunnel. A
// refusal by the address policy comes back as dial_errc::blocked_target, before anything is
// sent anywhere.
boost::asio::awaitable<boost::system::result<hop_stream, view_error>> dial_destination(
    const relay_state& state, const relay_target& target);

}  // namespace geocrawl
