#include "crawler/http_exchange.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/url/url.hpp>

#include "crawler/content_decoder.hpp"
#include "crawler/fetch_error.hpp"
#include "crawler/redirect_policy.hpp"
#include "crawler/tls_client.hpp"
#include "proxies/tunnel_io.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t read_chunk_bytes = 64 * 1024;
// Servers send one or two (100 Continue, 103 Early Hints); more is a server stalling.
constexpr int max_interim_responses = 8;

// Each phase gets its own timeout but never outlives the view.
template <class Stream>
void arm(Stream& stream, std::chrono::milliseconds phase_timeout, clock::time_point view_deadline) {
  set_deadline(stream, std::min(clock::now() + phase_timeout, view_deadline));
}

http::request<http::empty_body> make_request(const hop_request& request) {
  // Through an HTTP proxy without a tunnel the request names the whole URL (RFC 9112
  // absolute-form); a fragment is never sent.
  std::string target;
  if (request.form == request_form::absolute) {
    boost::urls::url absolute(request.url);
    absolute.remove_fragment();
    target = absolute.buffer();
  } else {
    target = request.url.encoded_target();
  }
  http::request<http::empty_body> message{http::verb::get, target, 11};
  message.set(http::field::host, request.url.encoded_host_and_port());
  message.set(http::field::user_agent, request.profile.user_agent);
  message.set(http::field::accept, request.profile.accept);
  message.set(http::field::accept_language, request.profile.accept_language);
  message.set(http::field::accept_encoding, request.profile.accept_encoding);
  if (!request.profile.referer.empty()) message.set(http::field::referer, request.profile.referer);
  if (!request.cookie_header.empty()) message.set(http::field::cookie, request.cookie_header);
  if (!request.proxy_authorization.empty()) message.set(http::field::proxy_authorization, request.proxy_authorization);
  return message;
}

view_error io_error(std::string_view phase, const boost::system::error_code& ec) {
  if (ec == beast::error::timeout) return make_view_error(fetch_errc::timeout, std::string(phase) + " timed out");
  return make_view_error(fetch_errc::http, std::string(phase) + " failed: " + ec.message());
}

void take_header(const http::response_header<>& header, hop_response& response) {
  response.status = static_cast<int>(header.result_int());
  for (const auto& field : header) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    switch (field.name()) {
      case http::field::set_cookie: response.set_cookies.emplace_back(field.value()); break;
      case http::field::location: response.location = field.value(); break;
      case http::field::content_type: response.content_type = field.value(); break;
      case http::field::content_encoding: response.content_encoding = field.value(); break;
      default: break;
    }
  }
}

// "007": a status code as the status line wrote it.
std::string three_digits(unsigned status) {
  auto digits = std::to_string(status);
  digits.insert(0, 3 - std::min<std::size_t>(digits.size(), 3), '0');
  return digits;
}

void mark_truncated(hop_response& response, std::string reason) {
  response.truncated = true;
  response.truncated_reason = std::move(reason);
}

}  // namespace

template <class Stream>
asio::awaitable<hop_response> exchange(Stream& stream, const hop_request& request,
                                       const fetch_limits& limits,
                                       clock::time_point view_deadline) {
  hop_response response;
  const auto outgoing = make_request(request);
  arm(stream, limits.read_timeout, view_deadline);
  if (auto [ec, n] = co_await http::async_write(stream, outgoing, asio::as_tuple(asio::use_awaitable)); ec) {
    response.error = io_error("sending the request", ec);
    co_return response;
  }

  const auto sent_at = clock::now();
  beast::flat_buffer buffer(limits.max_header_bytes + read_chunk_bytes);
  // RFC 9110 section 15.2: interim (1xx) responses may precede the final one, asked for
  // or not (100 Continue, 103 Early Hints), and a client reads past them.
  std::optional<http::response_parser<http::buffer_body>> reading;
  for (int interim = 0;; ++interim) {
    reading.emplace();
    reading->header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    reading->body_limit(boost::none);  // the caps below apply to wire and decoded bytes alike
    arm(stream, limits.read_timeout, view_deadline);
    if (auto [ec, n] = co_await http::async_read_header(stream, buffer, *reading, asio::as_tuple(asio::use_awaitable)); ec) {
      response.error = io_error("reading the response header", ec);
      co_return response;
    }
    if (interim == 0) response.first_byte = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - sent_at);
    const auto status = reading->get().result_int();
    // Beast takes any three digits; status 0 would read as "no response" everywhere after.
    if (status < 100) {
      response.error = make_view_error(fetch_errc::http, "the response status " + three_digits(status) +
                                                             " is not an HTTP status (100-999)");
      co_return response;
    }
    if (status >= 200) break;
    if (interim == max_interim_responses) {
      response.error = make_view_error(fetch_errc::http, "more than " + std::to_string(max_interim_responses) +
                                                             " interim (1xx) responses before the final one");
      co_return response;
    }
  }
  auto& parser = *reading;
  take_header(parser.get().base(), response);
  if (is_followed_redirect(response.status) && !response.location.empty()) co_return response;

  content_decoder decoder(response.content_encoding, limits.max_body_bytes);
  std::array<char, read_chunk_bytes> chunk;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    arm(stream, limits.read_timeout, view_deadline);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (ec == http::error::need_buffer) ec = {};
    if (ec == asio::ssl::error::stream_truncated) {
      // Servers commonly close without a TLS close_notify; for a body delimited by the
      // end of the connection that close is the end of the body, as browsers take it.
      parser.put_eof(ec);
    }
    const auto received = chunk.size() - parser.get().body().size;
    response.wire_bytes += received;
    if (received > 0) {
      const auto state = decoder.feed({chunk.data(), received}, response.body);
      if (state == decode_state::failed) {
        response.error = make_view_error(fetch_errc::decode, "cannot decode the " + response.content_encoding +
                                                                 " body: " + decoder.error());
        co_return response;
      }
      if (state == decode_state::limit_reached) {
        mark_truncated(response, "decoded body reached limits.max_body_bytes");
        co_return response;
      }
    }
    if (ec) {
      response.error = io_error("reading the response body", ec);
      co_return response;
    }
    if (!parser.is_done() && response.wire_bytes >= limits.max_body_bytes) {
      mark_truncated(response, "body on the wire reached limits.max_body_bytes");
      co_return response;
    }
  }
  if (decoder.finish(response.body) == decode_state::failed) {
    response.error = make_view_error(fetch_errc::decode, "cannot decode the " + response.content_encoding +
                                                             " body: " + decoder.error());
  }
  co_return response;
}

template asio::awaitable<hop_response> exchange<beast::tcp_stream>(
    beast::tcp_stream&, const hop_request&, const fetch_limits&, clock::time_point);
template asio::awaitable<hop_response> exchange<tunneled_tls_stream>(
    tunneled_tls_stream&, const hop_request&, const fetch_limits&, clock::time_point);
template asio::awaitable<hop_response> exchange<tls_stream>(
    tls_stream&, const hop_request&, const fetch_limits&, clock::time_point);
template asio::awaitable<hop_response> exchange<beast::test::stream>(
    beast::test::stream&, const hop_request&, const fetch_limits&, clock::time_point);

}  // namespace geocrawl
