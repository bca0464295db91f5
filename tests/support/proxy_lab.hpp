// The interop lab: one real proxy server from a Debian package (microsocks, tinyproxy, danted),
// started on 127.0.0.1 with a generated configuration in a fresh temp directory, so geocrawl is
// tested against the software users actually meet. See tests/interop/README.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "proxies/proxy_url.hpp"

namespace geocrawl::testing {

enum class proxy_kind {
  microsocks,  // SOCKS5, optional username/password
  tinyproxy,   // HTTP: absolute-form requests and CONNECT, optional Basic auth
  dante,       // SOCKS5 (danted), no authentication: its username method checks system accounts
};

struct proxy_lab_options {
  proxy_kind kind = proxy_kind::microsocks;
  // Required of clients when set. tinyproxy accepts only [-A-Za-z0-9._] in both parts; dante
  // none at all (std::invalid_argument).
  std::optional<proxy_credentials> credentials = std::nullopt;
  // The local IPv4 address the proxy binds its outgoing connections to, e.g. "127.0.0.20", so an
  // origin can tell by the peer address which proxy a request came through. Empty: the kernel
  // chooses (dante, which needs one, uses 127.0.0.1).
  std::string outgoing_address;
  // tinyproxy only: CONNECT is allowed to these ports alone (its ConnectPort lines), as in
  // packaged configurations that allow 443 and 563. Empty: CONNECT reaches every port.
  std::vector<std::uint16_t> connect_ports;
};

class proxy_lab {
 public:
  // Starts the proxy and returns once it listens on its port (at most about 5 s). Throws
  // std::runtime_error if the program is not installed or does not come up; the message names
  // the program, says to run scripts/setup.sh and ends with the tail of its log. Throws
  // std::invalid_argument for credentials the kind cannot take.
  explicit proxy_lab(proxy_lab_options options);
  // SIGTERM, up to 2 s to exit, then SIGKILL; reaps it and removes the temp directory.
  ~proxy_lab();

  proxy_lab(const proxy_lab&) = delete;
  proxy_lab& operator=(const proxy_lab&) = delete;

  std::uint16_t port() const noexcept;
  // socks5h for the SOCKS servers (the proxy resolves names), http for tinyproxy.
  proxy_scheme scheme() const noexcept;
  // "socks5h://user:pass@127.0.0.1:PORT" in the lab's scheme, credentials percent-encoded and
  // present only if configured. It holds the password: never print it.
  std::string url() const;
  // The same in another scheme the proxy speaks: socks5 or socks5h for the SOCKS servers, http
  // for tinyproxy. Throws std::invalid_argument for any other.
  std::string url(proxy_scheme scheme) const;

  // The last few kilobytes the proxy logged, credentials blanked out; for a test's failure
  // message.
  std::string log_tail() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl::testing
