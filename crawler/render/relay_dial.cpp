#include "crawler/render/relay_dial.hpp"

#include <boost/url/parse.hpp>

namespace geocrawl {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

asio::awaitable<boost::system::result<hop_stream, view_error>> dial_destination(
    const relay_state& state, const relay_target& target) {
  // An http:// URL to the destination makes open_hop_connection stop at the byte stream: no TLS
  // of its own (Chromium's TLS runs inside the tunnel), and a tunnel through an HTTP proxy,
  // since the relay's proxy is always set to tunnel (loopback_relay.cpp).
  // The authority came out of a parsed URL or host:port, so it parses again; value() throws if
  // that ever stops being true, and the relay records the surprise as internal_error.
  const std::string text = "http://" + target.authority + "/";
  const auto url = boost::urls::parse_absolute_uri(text).value();
  fetch_limits limits;
  limits.connect_timeout = state.limits.connect_timeout;
  limits.read_timeout = state.limits.connect_timeout;  // the proxy's handshake
  limits.max_header_bytes = state.limits.max_header_bytes;
  const auto deadline = clock::now() + state.limits.connect_timeout;
  const proxy_endpoint* proxy = state.proxy ? &*state.proxy : nullptr;
  hop_facts facts;
  auto opened =
      co_await open_hop_connection(url, proxy, limits, state.environment, deadline, facts);
  co_return opened;
}

}  // namespace geocrawl
