#pragma once
// One client connection of the loopback relay, start to end: the request header read under the
// header cap and the idle timeout, its destination checked, dialled through the vantage's
// connector, then a CONNECT tunnel or one forwarded exchange; a refusal answered with its status
// and recorded. Internal to the render layer.
#include <memory>

#include <boost/asio/awaitable.hpp>

#include "crawler/render/relay_state.hpp"

namespace geocrawl {

// Ends when the exchange or tunnel ends, the client idles or the relay stops. Every request
// that got as far as a request line is recorded in state.log; a connection that never sends one
// (Chromium opens spare ones ahead of use) is closed after the idle timeout without a record.
boost::asio::awaitable<void> serve_relay_client(std::shared_ptr<relay_state> state,
                                                std::shared_ptr<relay_client> client);

}  // namespace geocrawl
