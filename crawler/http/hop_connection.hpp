#pragma once
// The layers under one request, stacked as the route needs them:
//   direct:            TCP ─► [TLS to the target]
//   socks5/socks5h:    TCP to the proxy ─► SOCKS5 ─► [TLS to the target]
//   http proxy:        TCP to the proxy ─► CONNECT ─► TLS to the target   (https targets)
//                      TCP to the proxy ─► CONNECT                        (http targets)
//                      TCP to the proxy, absolute-form requests            (http targets, when
//                                                                           [[proxy]] tunnel =
//                                                                           false)
//   https proxy:       the same with TLS to the proxy first.
// The target address policy holds on every route: a target given as an address is
// checked before anything is sent to a proxy, and socks5 checks what geocrawl resolved.
#include <chrono>
#include <optional>
#include <string>
#include <variant>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/system/result.hpp>
#include <boost/url/url_view.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/http/fetch_limits.hpp"
#include "crawler/http/http_exchange.hpp"
#include "crawler/view/view.hpp"
#include "proxies/proxy_url.hpp"
#include "proxies/tls_stream.hpp"

namespace geocrawl {

using hop_stream = std::variant<boost::beast::tcp_stream, tls_stream, tunneled_tls_stream>;

// What the view records about how the hop was connected.
struct hop_facts {
  std::string peer_address;  // the target's, or the proxy's when proxied
  std::chrono::milliseconds dns_time{0};
  std::chrono::milliseconds connect_time{0};  // TCP, and the proxy's TLS and tunnel when proxied
  std::chrono::milliseconds tls_time{0};      // the target's TLS handshake
  std::optional<tls_summary> tls;             // the target's certificate, for https
  request_form form = request_form::origin;
  std::string proxy_authorization;  // for absolute-form requests through a proxy that wants it
};

// An open connection with what dialling it found, between the requests a connection_keeper
// sends over it. `route` names the way out and the origin (hop_route).
struct kept_connection {
  std::string route;
  hop_stream stream;
  hop_facts facts;
};

// "direct https://example.com:443", or the same after "via socks5h://***@proxy:1080": the
// requests that may share a connection. Never holds a proxy's credentials.
std::string hop_route(const boost::urls::url_view& url, const proxy_endpoint* proxy);

// The stream is ready for the HTTP request.
using hop_connection_result = boost::system::result<hop_stream, view_error>;

// A failure of the proxy itself comes back with proxy_fault set. `facts` is filled in as
// far as the connection got, also when it fails.
boost::asio::awaitable<hop_connection_result> open_hop_connection(
    const boost::urls::url_view& url, const proxy_endpoint* proxy, const fetch_limits& limits,
    const fetch_environment& environment, std::chrono::steady_clock::time_point view_deadline,
    hop_facts& facts);

}  // namespace geocrawl
