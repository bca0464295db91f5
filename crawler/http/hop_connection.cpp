#include "crawler/http/hop_connection.hpp"

#include <type_traits>

#include <boost/asio/ssl/context.hpp>

#include "crawler/http/fetch_error.hpp"
#include "crawler/http/tls_client.hpp"
#include "parsers/web_url.hpp"
#include "proxies/direct_dialer.hpp"
#include "proxies/elapsed.hpp"
#include "proxies/http_connect.hpp"
#include "proxies/socks5.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace urls = boost::urls;
using clock = std::chrono::steady_clock;

// Every co_await below takes named objects only: GCC 12 destroys temporaries created
// inside a co_await expression twice (GCC bug 99576).
namespace {

view_error proxy_failure(const dial_failure& failure) {
  auto error = make_view_error(failure);
  error.proxy_fault = is_proxy_fault(failure.code);
  return error;
}

clock::time_point phase_deadline(std::chrono::milliseconds timeout,
                                 clock::time_point view_deadline) {
  return std::min(clock::now() + timeout, view_deadline);
}

// The proxy is the operator's choice, not a page's: the target address policy is not
// applied to it (a proxy on the crawler's own network is normal).
const address_policy& any_address() {
  static const address_policy policy({*parse_ip_network("0.0.0.0/0"), *parse_ip_network("::/0")});
  return policy;
}

// What the proxy is asked to connect to. A target given as an address is checked here,
// before the proxy hears of it; socks5 resolves the name here and checks the result;
// socks5h and HTTP proxies get the name and resolve it where the exit is.
asio::awaitable<boost::system::result<tunnel_target, view_error>> screen_target(
    const dial_request& target, proxy_scheme scheme, const fetch_environment& environment) {
  boost::system::error_code not_an_address;
  const auto literal = asio::ip::make_address(target.host, not_an_address);
  if (not_an_address && scheme != proxy_scheme::socks5)
    co_return tunnel_target{target.host, target.port};
  std::vector<asio::ip::address> addresses;
  if (!not_an_address) {
    addresses.push_back(literal);
  } else {
    auto resolved = co_await environment.resolver.resolve(target.host, target.deadline);
    if (!resolved) co_return make_view_error(resolved.error());
    addresses = std::move(*resolved);
  }
  auto allowed = allowed_addresses(addresses, target, environment.policy);
  if (!allowed) co_return make_view_error(allowed.error());
  co_return tunnel_target{allowed->front().to_string(), target.port};
}

// What carries the target's TLS: the TCP connection, or the TLS connection to the proxy.
beast::tcp_stream&& tls_carrier(beast::tcp_stream&& stream) { return std::move(stream); }
proxy_tls_layer tls_carrier(tls_stream&& stream) { return proxy_tls_layer(std::move(stream)); }

// The target's TLS over whatever carries it.
template <class Carrier>
asio::awaitable<hop_connection_result> with_tls(Carrier carrier, const std::string& host,
                                                const fetch_environment& environment,
                                                const fetch_limits& limits,
                                                clock::time_point view_deadline, hop_facts& facts) {
  beast::ssl_stream<Carrier> secured(std::move(carrier), environment.tls_context);
  const auto start = clock::now();
  const auto deadline = phase_deadline(limits.read_timeout, view_deadline);
  auto tls = co_await tls_handshake(secured, host, environment.enforce_tls_verification, deadline);
  facts.tls_time = elapsed_since(start);
  if (!tls) co_return tls.error();
  facts.tls = std::move(*tls);
  if (environment.capture == wire_capture::on)
    facts.tls->chain_pem = peer_chain_pem(secured.native_handle());
  co_return hop_stream(std::move(secured));
}

// Plain for http, TLS for https: the same last step on every route.
template <class Stream>
asio::awaitable<hop_connection_result> finish(Stream stream, const urls::url_view& url,
                                              const fetch_environment& environment,
                                              const fetch_limits& limits,
                                              clock::time_point view_deadline, hop_facts& facts) {
  if (url.scheme_id() != urls::scheme::https) co_return hop_stream(std::move(stream));
  const auto host = connect_host(url);
  auto carrier = tls_carrier(std::move(stream));
  co_return co_await with_tls(std::move(carrier), host, environment, limits, view_deadline, facts);
}

// The connection to the proxy itself: TCP, and TLS for an https:// proxy.
asio::awaitable<boost::system::result<std::variant<beast::tcp_stream, tls_stream>, view_error>>
dial_proxy(const proxy_endpoint& proxy, const fetch_environment& environment,
           const fetch_limits& limits, clock::time_point view_deadline, hop_facts& facts) {
  const direct_dialer dialer(environment.resolver, any_address());
  const dial_request request{proxy.host, proxy.port,
                             phase_deadline(limits.connect_timeout, view_deadline)};
  auto dialed = co_await dialer.dial(request);
  if (!dialed) {
    const auto code =
        dialed.error().code == dial_errc::timeout ? dial_errc::timeout : dial_errc::proxy_connect;
    co_return proxy_failure(
        dial_failure{code, "proxy " + proxy.redacted() + ": " + dialed.error().message});
  }
  facts.peer_address = dialed->peer.address().to_string();
  facts.dns_time = dialed->dns_time;
  facts.connect_time = dialed->connect_time;
  if (proxy.scheme != proxy_scheme::https) co_return std::move(dialed->stream);

  tls_stream stream(std::move(dialed->stream), environment.tls_context);
  const auto deadline = phase_deadline(limits.read_timeout, view_deadline);
  auto tls =
      co_await tls_handshake(stream, proxy.host, environment.enforce_tls_verification, deadline);
  if (!tls) {
    const auto code =
        tls.error().code == fetch_errc::timeout ? dial_errc::timeout : dial_errc::proxy_connect;
    co_return proxy_failure(
        dial_failure{code, "TLS to proxy " + proxy.redacted() + ": " + tls.error().message});
  }
  co_return std::move(stream);
}

template <class Stream>
asio::awaitable<tunnel_result> open_tunnel(Stream& stream, const proxy_endpoint& proxy,
                                           const tunnel_target& target, const fetch_limits& limits,
                                           clock::time_point deadline) {
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    if (proxy.scheme == proxy_scheme::socks5 || proxy.scheme == proxy_scheme::socks5h) {
      co_return co_await socks5_handshake(stream, target, proxy.credentials, deadline);
    }
  }
  co_return co_await http_connect_handshake(stream, target, proxy.credentials, deadline,
                                            limits.max_header_bytes);
}

// Through the proxy: the tunnel (or none, for absolute-form requests), then the hop's TLS.
// Plain http is tunnelled too unless the proxy is configured for absolute form (proxy_url.hpp).
template <class Stream>
asio::awaitable<hop_connection_result> open_through(
    Stream stream, const proxy_endpoint& proxy, const tunnel_target& target,
    const urls::url_view& url, const fetch_limits& limits, const fetch_environment& environment,
    clock::time_point view_deadline, hop_facts& facts) {
  const bool socks = proxy.scheme == proxy_scheme::socks5 || proxy.scheme == proxy_scheme::socks5h;
  if (url.scheme_id() != urls::scheme::https && !socks &&
      proxy.plain_http == plain_http_route::absolute_form) {
    facts.form = request_form::absolute;
    if (proxy.credentials)
      facts.proxy_authorization = basic_proxy_authorization(*proxy.credentials);
    co_return hop_stream(std::move(stream));
  }
  const auto start = clock::now();
  const auto deadline = phase_deadline(limits.read_timeout, view_deadline);
  auto tunnel = co_await open_tunnel(stream, proxy, target, limits, deadline);
  facts.connect_time += elapsed_since(start);
  if (!tunnel) co_return proxy_failure(tunnel.error());
  co_return co_await finish(std::move(stream), url, environment, limits, view_deadline, facts);
}

}  // namespace

std::string hop_route(const urls::url_view& url, const proxy_endpoint* proxy) {
  std::string route = proxy ? "via " + proxy->redacted() : std::string("direct");
  route += ' ';
  route += url.scheme();
  route += "://";
  route += connect_host(url);
  route += ':';
  route += std::to_string(connect_port(url));
  return route;
}

asio::awaitable<hop_connection_result> open_hop_connection(
    const urls::url_view& url, const proxy_endpoint* proxy, const fetch_limits& limits,
    const fetch_environment& environment, clock::time_point view_deadline, hop_facts& facts) {
  const dial_request target{connect_host(url), connect_port(url),
                            phase_deadline(limits.connect_timeout, view_deadline)};
  if (!proxy) {
    const direct_dialer dialer(environment.resolver, environment.policy);
    auto dialed = co_await dialer.dial(target);
    if (!dialed) co_return make_view_error(dialed.error());
    facts.peer_address = dialed->peer.address().to_string();
    facts.dns_time = dialed->dns_time;
    facts.connect_time = dialed->connect_time;
    co_return co_await finish(std::move(dialed->stream), url, environment, limits, view_deadline,
                              facts);
  }

  auto screened = co_await screen_target(target, proxy->scheme, environment);
  if (!screened) co_return screened.error();
  auto dialed = co_await dial_proxy(*proxy, environment, limits, view_deadline, facts);
  if (!dialed) co_return dialed.error();
  if (auto* plain = std::get_if<beast::tcp_stream>(&*dialed)) {
    co_return co_await open_through(std::move(*plain), *proxy, *screened, url, limits, environment,
                                    view_deadline, facts);
  }
  co_return co_await open_through(std::move(std::get<tls_stream>(*dialed)), *proxy, *screened, url,
                                  limits, environment, view_deadline, facts);
}

}  // namespace geocrawl
