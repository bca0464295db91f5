#pragma once
// The proxy Chromium is pointed at for a rendered view (--proxy-server=http://127.0.0.1:PORT):
// it listens on 127.0.0.1 at a port the kernel picks, takes CONNECT host:port (tunnels: TLS stays
// end to end between Chromium and the site) and absolute-form http:// requests (forwarded), and
// dials every destination through geocrawl's own connector stack — the vantage's verified proxy
// with its credentials, remote DNS where the proxy offers it, the target address policy, the
// limits. Chromium itself never reaches the network, and every request a page makes is in the
// view's log.
//
// Concurrency rule: the relay lives on one io_context and everything it does runs on the thread
// that runs it; construct, stop, read the log and destroy it there (or once that io_context has
// stopped running).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/render/relay_limits.hpp"
#include "crawler/view/relay_request_log.hpp"
#include "proxies/proxy_url.hpp"

namespace boost::asio {
class io_context;
}

namespace geocrawl {

class loopback_relay {
 public:
  // Binds and listens before returning, so port() is valid at once; throws
  // boost::system::system_error if 127.0.0.1 cannot be bound. `environment` must outlive every
  // connection, which ends within connect_timeout of stop() at the latest. `proxy`: the
  // vantage's, or nullopt for a direct vantage; an HTTP proxy is always asked for a tunnel,
  // whatever its plain_http route, so the relay can carry any byte stream through it.
  loopback_relay(boost::asio::io_context& io, const fetch_environment& environment,
                 std::optional<proxy_endpoint> proxy, relay_limits limits = {});
  // Stops.
  ~loopback_relay();

  loopback_relay(const loopback_relay&) = delete;
  loopback_relay& operator=(const loopback_relay&) = delete;

  std::uint16_t port() const noexcept;

  // Closes the listener and every connection; each one's request is recorded as relay_stopped,
  // and every coroutine of the relay ends once the io_context runs its cancellations. Idempotent.
  void stop();

  // Client connections still open: after stop(), each is recorded as it ends, once the
  // io_context has run its cancellation, so a reader of the whole log waits for 0.
  std::size_t open_connections() const noexcept;

  // The requests so far, in the order they ended.
  const relay_request_log& log() const noexcept;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace geocrawl
