#include "proxies/proxy_url.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {
namespace {

using enum proxy_scheme;

struct accepted_case {
  std::string_view url;
  proxy_scheme scheme;
  std::string_view host;
  std::uint16_t port;
  std::optional<proxy_credentials> credentials;
  std::string_view redacted;
};

TEST_CASE("parse_proxy_url reads scheme, host, port and credentials") {
  const accepted_case cases[] = {
      {"http://proxy.example", http, "proxy.example", 80, {}, "http://proxy.example:80"},
      {"HTTPS://Proxy.Example.COM:8443/",
       https,
       "proxy.example.com",
       8443,
       {},
       "https://proxy.example.com:8443"},
      {"socks5://127.0.0.1", socks5, "127.0.0.1", 1080, {}, "socks5://127.0.0.1:1080"},
      {"SoCkS5h://[2001:DB8:0:0::1]:1081",
       socks5h,
       "2001:db8::1",
       1081,
       {},
       "socks5h://[2001:db8::1]:1081"},
      {"socks5h://user:pass@[::1]", socks5h, "::1", 1080, proxy_credentials{"user", "pass"},
       "socks5h://***@[::1]:1080"},
      {"http://us%40er:p%3Ass%2F%20@proxy.example:3128", http, "proxy.example", 3128,
       proxy_credentials{"us@er", "p:ss/ "}, "http://***@proxy.example:3128"},
      {"http://user@proxy.example", http, "proxy.example", 80, proxy_credentials{"user", ""},
       "http://***@proxy.example:80"},
      {"http://user:@proxy.example", http, "proxy.example", 80, proxy_credentials{"user", ""},
       "http://***@proxy.example:80"},
      {"https://www%2Droot.proxy_1.example",
       https,
       "www-root.proxy_1.example",
       443,
       {},
       "https://www-root.proxy_1.example:443"},
      {"socks5://localhost:1", socks5, "localhost", 1, {}, "socks5://localhost:1"},
      {"socks5://localhost:65535", socks5, "localhost", 65535, {}, "socks5://localhost:65535"},
      {"socks5://localhost:01080", socks5, "localhost", 1080, {}, "socks5://localhost:1080"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.url);
    const auto parsed = parse_proxy_url(c.url);
    REQUIRE(parsed.has_value());
    CHECK(parsed->scheme == c.scheme);
    CHECK(parsed->host == c.host);
    CHECK(parsed->port == c.port);
    REQUIRE(parsed->credentials.has_value() == c.credentials.has_value());
    if (c.credentials) {
      CHECK(parsed->credentials->username == c.credentials->username);
      CHECK(parsed->credentials->password == c.credentials->password);
    }
    CHECK(parsed->redacted() == c.redacted);
  }
}

TEST_CASE("parse_proxy_url takes user names and passwords of up to 255 bytes, as SOCKS5 can send") {
  const std::string user(255, 'u');
  const std::string password(255, 'p');
  const auto parsed = parse_proxy_url("socks5://" + user + ":" + password + "@proxy.example");
  REQUIRE(parsed.has_value());
  CHECK(parsed->credentials->username == user);
  CHECK(parsed->credentials->password == password);
}

struct rejected_case {
  std::string url;
  std::string_view error;  // a part of the message that names the fault
};

constexpr std::string_view user = "Qx9Wk2";
constexpr std::string_view password = "Zq7xW9vKp3";

// No four consecutive characters of the user name or password, nor the URL itself.
void check_reveals_nothing(const std::string& message, const std::string& url) {
  CHECK(message.find(url) == std::string::npos);
  for (const std::string_view secret : {user, password}) {
    for (std::size_t i = 0; i + 4 <= secret.size(); ++i) {
      CHECK_MESSAGE(message.find(secret.substr(i, 4)) == std::string::npos, secret.substr(i, 4));
    }
  }
}

TEST_CASE("parse_proxy_url rejects what it cannot use and never quotes the URL or its secrets") {
  const std::string secrets = std::string(user) + ":" + std::string(password);
  const std::string long_password = [] {
    std::string text;
    while (text.size() < 256) text += password;
    return text;
  }();
  const rejected_case cases[] = {
      {"http://" + secrets + "@@proxy.example", "not a valid proxy URL"},
      {"http://" + std::string(user) + ":Zq7x W9vKp3@proxy.example", "not a valid proxy URL"},
      {"http://" + std::string(user) + ":Zq7x@W9vKp3@proxy.example", "not a valid proxy URL"},
      {secrets + "@proxy.example:1080", "scheme://"},
      {"ftp://" + secrets + "@proxy.example", "unsupported scheme 'ftp'"},
      {"http://" + secrets + "@proxy.example/" + std::string(password), "no path"},
      {"http://" + secrets + "@proxy.example//", "no path"},
      {"http://" + secrets + "@proxy.example?" + std::string(password), "no query"},
      {"http://" + secrets + "@proxy.example?", "no query"},
      {"http://" + secrets + "@proxy.example#" + std::string(password), "no fragment"},
      {"http://:" + std::string(password) + "@proxy.example", "user name is empty"},
      {"http://" + std::string(256, 'Q') + ":" + std::string(password) + "@proxy.example",
       "user name is longer than 255 bytes"},
      {"http://" + std::string(user) + ":" + long_password + "@proxy.example",
       "password is longer than 255 bytes"},
      {"http://" + secrets + "@", "host is missing"},
      {"http://" + secrets + "@:8080", "host is missing"},
      {"http://", "host is missing"},
      {"http://" + secrets + "@[v1.fe]", "IPvFuture"},
      {"http://" + secrets + "@proxy%20example", "host name may only hold"},
      {"http://" + secrets + "@pr%C3%B6xy.example", "host name may only hold"},
      // Decoded, an address and a path to Boost.URL 1.81 when written out again (found by
      // config_fuzz).
      {"socks5h://" + secrets + "@203.0.1.%32.03.13.s:1080", "not a host geocrawl can parse"},
      {"http://" + secrets + "@proxy.example:0", "port must be 1-65535"},
      {"http://" + secrets + "@proxy.example:65536", "port must be 1-65535"},
      {"http://" + secrets + "@proxy.example:99999999999999999999", "port must be 1-65535"},
      {"http://" + secrets + "@proxy.example:", "port must be 1-65535"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.url);
    const auto parsed = parse_proxy_url(c.url);
    REQUIRE(parsed.has_error());
    CHECK(parsed.error().find(c.error) != std::string::npos);
    check_reveals_nothing(parsed.error(), c.url);
  }
}

TEST_CASE("to_string(proxy_scheme) names the scheme as a URL writes it") {
  CHECK(to_string(http) == "http");
  CHECK(to_string(https) == "https");
  CHECK(to_string(socks5) == "socks5");
  CHECK(to_string(socks5h) == "socks5h");
}

}  // namespace
}  // namespace geocrawl
