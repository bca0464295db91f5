#pragma once
// One HTTP/1.1 request and its response over an open connection (plain or TLS): write
// the request, read the header under header_limit (past any interim 1xx responses), stream
// the body through the content decoder under the byte caps, every read under a deadline.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/url/url_view.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/http/fetch_limits.hpp"
#include "crawler/http/request_profile.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// origin: "GET /path" to the origin or through a tunnel; absolute: "GET http://host/path"
// to an HTTP proxy that forwards it.
enum class request_form { origin, absolute };

struct hop_request {
  boost::urls::url_view url;
  const request_profile& profile;
  std::string cookie_header;
  request_form form = request_form::origin;
  std::string proxy_authorization;  // sent only with the absolute form
  wire_capture capture = wire_capture::off;
};

struct hop_response {
  int status = 0;  // 0 when no response header was read
  header_list headers;
  std::vector<std::string> set_cookies;
  std::string location;
  std::string content_type;
  std::string content_encoding;
  std::string body;  // decoded
  std::uint64_t wire_bytes = 0;
  bool truncated = false;
  std::string truncated_reason;
  std::chrono::milliseconds first_byte{0};
  std::optional<view_error> error;  // what cut the exchange short; the rest is kept
  // The connection can carry another request: the response was read to its last byte, no byte
  // came after it, and the server keeps the connection open (HTTP/1.1 keep-alive).
  bool reusable = false;
  // With capture on: the request, the response bytes and the time sent; the caller adds the
  // target and the address.
  std::optional<hop_capture> capture;
};

// Stream is boost::beast::tcp_stream, tls_stream or tunneled_tls_stream, or
// boost::beast::test::stream (no deadlines) for tests/fuzz/http_response_fuzz.cpp. The body
// of a redirect that will be followed is not read: it is not what the visitor sees.
template <class Stream>
boost::asio::awaitable<hop_response> exchange(Stream& stream, const hop_request& request,
                                              const fetch_limits& limits,
                                              std::chrono::steady_clock::time_point view_deadline);

}  // namespace geocrawl
