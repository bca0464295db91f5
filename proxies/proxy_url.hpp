#pragma once
// Proxy URLs as users write them in the config: http://, https:// (TLS to the proxy),
// socks5:// (geocrawl resolves the target and sends its address) and socks5h:// (the
// proxy resolves the name, as a visitor in the proxy's country would), with optional
// percent-encoded user:pass@, IPv6 literals in brackets, and default ports.
//
// Credentials are secrets: nothing here puts them in an error message, and redacted()
// is the only way a proxy URL is ever shown.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace geocrawl {

enum class proxy_scheme { http, https, socks5, socks5h };

// "http", "https", "socks5", "socks5h".
std::string_view to_string(proxy_scheme scheme) noexcept;

// How a plain-http target is requested through an http:// or https:// proxy; https targets and
// SOCKS5 proxies always go through a tunnel. Set by [[proxy]] tunnel, not by the URL.
enum class plain_http_route {
  // CONNECT, then the request in origin-form inside the tunnel: every byte after the proxy's
  // 200 comes from the target, so the proxy cannot answer in the site's place.
  tunnel,
  // "GET http://host/path" to the proxy, which forwards it: for proxies that allow CONNECT only
  // to 443. The proxy may then answer with its own error page (see crawler/http/proxy_answer.hpp).
  absolute_form,
};

struct proxy_credentials {
  std::string username;  // percent-decoded
  std::string password;  // percent-decoded; may be empty
};

struct proxy_endpoint {
  proxy_scheme scheme = proxy_scheme::http;
  std::string host;  // a DNS name (lower case) or an IP literal; IPv6 without brackets
  std::uint16_t port = 0;
  std::optional<proxy_credentials> credentials;
  plain_http_route plain_http = plain_http_route::tunnel;

  // "socks5h://***@[2001:db8::1]:1080": scheme, host and port, and *** where the
  // credentials were. Safe for output, logs, SQLite and error messages.
  std::string redacted() const;
};

// Default ports as the schemes define them: http 80, https 443, socks5 and socks5h 1080. The error
// names what is wrong ("unsupported scheme 'ftp'", "port must be 1-65535") and never contains the
// URL or any part of its credentials.
boost::system::result<proxy_endpoint, std::string> parse_proxy_url(std::string_view text);

}  // namespace geocrawl
