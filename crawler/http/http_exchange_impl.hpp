#pragma once
// The definition of exchange() (http_exchange.hpp), for the translation units that instantiate
// it, one stream type each (http_exchange_<stream>.cpp): one instantiation of this coroutine
// over Beast's reads takes minutes to compile under the sanitizers, and apart they build in
// parallel. The helpers that do not depend on the stream are compiled once, in
// http_exchange.cpp.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/error_code.hpp>

#include "crawler/http/content_decoder.hpp"
#include "crawler/http/fetch_error.hpp"
#include "crawler/http/http_exchange.hpp"
#include "crawler/http/recording_buffer.hpp"
#include "crawler/http/redirect_policy.hpp"
#include "crawler/view/timestamp.hpp"
#include "proxies/tunnel_io.hpp"

namespace geocrawl {

namespace exchange_detail {

inline constexpr std::size_t read_chunk_bytes = 64 * 1024;
// Servers send one or two (100 Continue, 103 Early Hints); more is a server stalling.
inline constexpr int max_interim_responses = 8;

// Each phase gets its own timeout but never outlives the view.
template <class Stream>
void arm(Stream& stream, std::chrono::milliseconds phase_timeout,
         std::chrono::steady_clock::time_point view_deadline) {
  set_deadline(stream, std::min(std::chrono::steady_clock::now() + phase_timeout, view_deadline));
}

boost::beast::http::request<boost::beast::http::empty_body> make_request(
    const hop_request& request);
view_error io_error(std::string_view phase, const boost::system::error_code& ec);
void take_header(const boost::beast::http::response_header<>& header, hop_response& response);
// "007": a status code as the status line wrote it.
std::string three_digits(unsigned status);
void mark_truncated(hop_response& response, std::string reason);
// The request as it goes on the wire, less Proxy-Authorization (never written anywhere).
std::string request_as_sent(
    const boost::beast::http::request<boost::beast::http::empty_body>& outgoing);
// The bytes a chunk's framing takes on the wire: its size in hex, its extensions and two CRLFs.
std::uint64_t chunk_framing_bytes(std::uint64_t size, std::size_t extensions_bytes);

}  // namespace exchange_detail

template <class Stream>
boost::asio::awaitable<hop_response> exchange(Stream& stream, const hop_request& request,
                                              const fetch_limits& limits,
                                              std::chrono::steady_clock::time_point view_deadline) {
  namespace asio = boost::asio;
  namespace http = boost::beast::http;
  using namespace exchange_detail;
  using clock = std::chrono::steady_clock;
  hop_response response;
  const auto outgoing = make_request(request);
  std::string* received_bytes = nullptr;
  if (request.capture == wire_capture::on) {
    response.capture.emplace();
    response.capture->request = request_as_sent(outgoing);
    response.capture->sent_at = utc_timestamp();
    received_bytes = &response.capture->response;
  }
  arm(stream, limits.read_timeout, view_deadline);
  if (auto [ec, n] =
          co_await http::async_write(stream, outgoing, asio::as_tuple(asio::use_awaitable));
      ec) {
    response.error = io_error("sending the request", ec);
    co_return response;
  }

  const auto sent_at = clock::now();
  boost::beast::flat_buffer buffer(limits.max_header_bytes + read_chunk_bytes);
  // Beast reads as much as the buffer has room for, at least 512 bytes, and an empty buffer
  // barely grows while the body streams through it: without room up front a 50 KB page took
  // about a hundred reads, each a system call and a trip through the parser.
  buffer.reserve(read_chunk_bytes);
  // What the reads take in, copied for WARC when asked: the header cap and the wire cap
  // bound it as they bound the exchange.
  recording_buffer incoming(buffer, received_bytes,
                            limits.max_header_bytes + limits.max_body_bytes);
  // RFC 9110 section 15.2: interim (1xx) responses may precede the final one, asked for
  // or not (100 Continue, 103 Early Hints), and a client reads past them.
  std::optional<http::response_parser<http::buffer_body>> reading;
  for (int interim = 0;; ++interim) {
    reading.emplace();
    reading->header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    reading->body_limit(boost::none);  // the caps below apply to wire and decoded bytes alike
    arm(stream, limits.read_timeout, view_deadline);
    if (auto [ec, n] = co_await http::async_read_header(stream, incoming, *reading,
                                                        asio::as_tuple(asio::use_awaitable));
        ec) {
      response.error = io_error("reading the response header", ec);
      co_return response;
    }
    if (interim == 0)
      response.first_byte =
          std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - sent_at);
    const auto status = reading->get().result_int();
    // Beast takes any three digits; status 0 would read as "no response" everywhere after.
    if (status < 100) {
      response.error =
          make_view_error(fetch_errc::http, "the response status " + three_digits(status) +
                                                " is not an HTTP status (100-999)");
      co_return response;
    }
    if (status >= 200) break;
    if (interim == max_interim_responses) {
      response.error =
          make_view_error(fetch_errc::http, "more than " + std::to_string(max_interim_responses) +
                                                " interim (1xx) responses before the final one");
      co_return response;
    }
  }
  auto& parser = *reading;
  take_header(parser.get().base(), response);
  // Complete when every byte of the message was read and kept; said before every return below.
  auto note_capture_end = [&] {
    if (response.capture) response.capture->response_complete = parser.is_done() && !incoming.cut();
  };
  auto at_message_boundary = [&] {
    return parser.is_done() && parser.keep_alive() && buffer.size() == 0;
  };
  if (is_followed_redirect(response.status) && !response.location.empty()) {
    note_capture_end();
    response.reusable = at_message_boundary();
    co_return response;
  }

  content_decoder decoder(response.content_encoding, limits.max_body_bytes);
  std::array<char, read_chunk_bytes> chunk;
  // Chunk framing counts toward the wire cap too: endless 1-byte chunks would otherwise cost
  // six bytes read for each byte counted. Setting ec stops the parser where the cap is reached.
  auto count_chunk_framing = [&](std::uint64_t size, boost::beast::string_view extensions,
                                 boost::system::error_code& ec) {
    response.wire_bytes += chunk_framing_bytes(size, extensions.size());
    const auto body_this_read = chunk.size() - parser.get().body().size;
    if (response.wire_bytes + body_this_read >= limits.max_body_bytes) ec = http::error::body_limit;
  };
  parser.on_chunk_header(count_chunk_framing);
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    arm(stream, limits.read_timeout, view_deadline);
    auto [ec, n] =
        co_await http::async_read(stream, incoming, parser, asio::as_tuple(asio::use_awaitable));
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
        response.error =
            make_view_error(fetch_errc::decode, "cannot decode the " + response.content_encoding +
                                                    " body: " + decoder.error());
        note_capture_end();
        co_return response;
      }
      if (state == decode_state::limit_reached) {
        mark_truncated(response, "decoded body reached limits.max_body_bytes");
        note_capture_end();
        co_return response;
      }
    }
    if (ec == http::error::body_limit ||
        (!ec && !parser.is_done() && response.wire_bytes >= limits.max_body_bytes)) {
      mark_truncated(response, "body on the wire reached limits.max_body_bytes");
      note_capture_end();
      co_return response;
    }
    if (ec) {
      response.error = io_error("reading the response body", ec);
      note_capture_end();
      co_return response;
    }
  }
  if (decoder.finish(response.body) == decode_state::failed) {
    response.error =
        make_view_error(fetch_errc::decode, "cannot decode the " + response.content_encoding +
                                                " body: " + decoder.error());
  }
  note_capture_end();
  response.reusable = !response.error && at_message_boundary();
  co_return response;
}

}  // namespace geocrawl
