#include "proxies/proxy_url.hpp"

#include <algorithm>
#include <charconv>
#include <initializer_list>

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/parse.hpp>

#include "proxies/host_port.hpp"

namespace geocrawl {
namespace {

namespace urls = boost::urls;

using parse_result = boost::system::result<proxy_endpoint, std::string>;

// RFC 1929 sends the user name and the password each behind a one-byte length.
constexpr std::size_t max_credential_bytes = 255;

parse_result failure(std::string message) {
  return {boost::system::in_place_error, std::move(message)};
}

std::optional<proxy_scheme> scheme_named(std::string_view name) {
  using enum proxy_scheme;
  for (const auto scheme : {http, https, socks5, socks5h}) {
    if (urls::grammar::ci_is_equal(name, to_string(scheme))) return scheme;
  }
  return std::nullopt;
}

std::uint16_t default_port(proxy_scheme scheme) {
  switch (scheme) {
    case proxy_scheme::http:
      return 80;
    case proxy_scheme::https:
      return 443;
    case proxy_scheme::socks5:
    case proxy_scheme::socks5h:
      return 1080;
  }
  return 0;
}

bool is_host_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

// The host as dialers and messages want it: a lower-case name, or an IP literal in its
// usual text form (IPv6 without brackets). Empty when the URL names no usable host.
boost::system::result<std::string, std::string> host_of(const urls::url_view& url) {
  switch (url.host_type()) {
    case urls::host_type::ipv4:
      return {boost::system::in_place_value, url.host_ipv4_address().to_string()};
    case urls::host_type::ipv6:
      return {boost::system::in_place_value, url.host_ipv6_address().to_string()};
    case urls::host_type::ipvfuture:
      return {boost::system::in_place_error, "IPvFuture proxy addresses are not supported"};
    case urls::host_type::none:
    case urls::host_type::name:
      break;
  }
  std::string name = url.host_name();
  if (name.empty()) return {boost::system::in_place_error, "the proxy host is missing"};
  if (!std::all_of(name.begin(), name.end(), is_host_name_char)) {
    // Non-ASCII names are refused too: write them in their xn-- (punycode) form.
    return {boost::system::in_place_error,
            "the proxy host name may only hold ASCII letters, digits, '-', '_' and '.'"};
  }
  // The name as dialled and shown must read back as the same host: a percent-encoded one can
  // decode to what Boost.URL 1.81 reads as an address and a path ("203.0.1.%32.03.13.s" is
  // "203.0.1.2.03.13.s": host 203.0.1.2).
  const std::string written = "x://" + name;
  const auto shown = urls::parse_uri(written);
  if (!shown || shown->encoded_host() != name || !shown->encoded_path().empty())
    return {boost::system::in_place_error,
            "the proxy host '" + name + "' is not a host geocrawl can parse"};
  std::transform(name.begin(), name.end(), name.begin(), urls::grammar::to_lower);
  return {boost::system::in_place_value, std::move(name)};
}

// An explicit ':' with no digits is refused rather than read as the default port: it is
// what an empty ${PORT} substitution leaves behind.
boost::system::result<std::uint16_t, std::string> port_of(const urls::url_view& url,
                                                          proxy_scheme scheme) {
  if (!url.has_port()) return default_port(scheme);
  const std::string_view digits = url.port();
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || value == 0 ||
      value > 65535) {
    return {boost::system::in_place_error, "port must be 1-65535"};
  }
  return static_cast<std::uint16_t>(value);
}

boost::system::result<std::optional<proxy_credentials>, std::string> credentials_of(
    const urls::url_view& url) {
  if (!url.has_userinfo()) return std::optional<proxy_credentials>{};
  proxy_credentials credentials{url.user(), url.password()};
  if (credentials.username.empty()) {
    return {boost::system::in_place_error, "the proxy user name is empty"};
  }
  if (credentials.username.size() > max_credential_bytes) {
    return {boost::system::in_place_error, "the proxy user name is longer than 255 bytes"};
  }
  if (credentials.password.size() > max_credential_bytes) {
    return {boost::system::in_place_error, "the proxy password is longer than 255 bytes"};
  }
  return std::optional<proxy_credentials>{std::move(credentials)};
}

}  // namespace

std::string_view to_string(proxy_scheme scheme) noexcept {
  switch (scheme) {
    case proxy_scheme::http:
      return "http";
    case proxy_scheme::https:
      return "https";
    case proxy_scheme::socks5:
      return "socks5";
    case proxy_scheme::socks5h:
      return "socks5h";
  }
  return "unknown";
}

std::string proxy_endpoint::redacted() const {
  std::string text(to_string(scheme));
  text += "://";
  if (credentials) text += "***@";
  text += host_port(host, port);
  return text;
}

// No message below quotes the URL: it may hold a password, and a mistyped one is still a
// password. The scheme is quoted only once the URL has an authority, where it cannot be
// the user name of a "user:pass@host" written without a scheme.
parse_result parse_proxy_url(std::string_view text) {
  constexpr std::string_view not_a_url =
      "not a valid proxy URL (percent-encode '@', ':', '/' and other special characters in the "
      "user name and password)";
  const auto parsed = urls::parse_uri(text);
  if (!parsed) return failure(std::string(not_a_url));
  const urls::url_view& url = *parsed;
  if (!url.has_authority()) {
    return failure("a proxy URL is written scheme://[user:pass@]host[:port]");
  }
  const auto scheme = scheme_named(url.scheme());
  if (!scheme) {
    std::string name(url.scheme());
    std::transform(name.begin(), name.end(), name.begin(), urls::grammar::to_lower);
    return failure("unsupported scheme '" + name + "' (use http, https, socks5 or socks5h)");
  }
  const std::string_view path = url.encoded_path();
  // Boost.URL 1.81 reads "user:p@ss@host" as host "ss" and path "@host"; a path after an
  // authority that does not start with '/' is not RFC 3986, and that '@' is the likely cause.
  if (!path.empty() && path.front() != '/') return failure(std::string(not_a_url));
  if (path.size() > 1) return failure("a proxy URL has no path");
  if (url.has_query()) return failure("a proxy URL has no query");
  if (url.has_fragment()) return failure("a proxy URL has no fragment");

  auto credentials = credentials_of(url);
  if (!credentials) return failure(credentials.error());
  auto host = host_of(url);
  if (!host) return failure(host.error());
  const auto port = port_of(url, *scheme);
  if (!port) return failure(port.error());
  return proxy_endpoint{*scheme, std::move(*host), *port, std::move(*credentials)};
}

}  // namespace geocrawl
