#include "crawler/http/http_exchange.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <boost/url/parse.hpp>

#include "crawler/http/fetch_error.hpp"
#include "tests/support/scripted_peer.hpp"

namespace geocrawl {
namespace {

// One exchange for http://shop.example/item against a server that sends `reply` and closes,
// read_size bytes a read; `reads`, when given, gets how many reads the exchange made.
hop_response exchange_with(std::string_view reply,
                           std::size_t read_size = std::numeric_limits<std::size_t>::max(),
                           const fetch_limits& limits = {}, std::size_t* reads = nullptr) {
  static const request_profile profile;
  const auto url = boost::urls::parse_uri("http://shop.example/item").value();
  const hop_request request{.url = url, .profile = profile};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto run = testing::run_against_peer(
      [&](boost::beast::test::stream& stream) -> boost::asio::awaitable<hop_response> {
        auto response = co_await exchange(stream, request, limits, deadline);
        if (reads != nullptr) *reads = stream.nread();
        co_return response;
      },
      {.reply = std::string(reply), .read_size = read_size});
  return std::move(run.result);
}

// The same exchange with the hop's bytes captured for WARC.
hop_response captured_exchange(std::string_view reply, std::size_t read_size,
                               const fetch_limits& limits = {},
                               std::string proxy_authorization = "") {
  static const request_profile profile;
  const auto url = boost::urls::parse_uri("http://shop.example/item").value();
  const hop_request request{
      .url = url,
      .profile = profile,
      .form = proxy_authorization.empty() ? request_form::origin : request_form::absolute,
      .proxy_authorization = std::move(proxy_authorization),
      .capture = wire_capture::on};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto run = testing::run_against_peer(
      [&](boost::beast::test::stream& stream) -> boost::asio::awaitable<hop_response> {
        co_return co_await exchange(stream, request, limits, deadline);
      },
      {.reply = std::string(reply), .read_size = read_size});
  return std::move(run.result);
}

}  // namespace

TEST_CASE("exchange: with capture on, the response is kept byte for byte as it came") {
  // Interim response, chunk extensions and trailers included: what the parser reads past.
  const std::string reply =
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "3;x=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n";
  for (const std::size_t read_size : {std::numeric_limits<std::size_t>::max(), std::size_t{1}}) {
    CAPTURE(read_size);
    const auto response = captured_exchange(reply, read_size);
    REQUIRE(response.capture);
    CHECK(response.capture->response == reply);
    CHECK(response.capture->response_complete);
    CHECK(response.capture->request.starts_with("GET /item HTTP/1.1\r\n"));
    CHECK(response.capture->request.ends_with("\r\n\r\n"));
    CHECK_FALSE(response.capture->sent_at.empty());
  }
}

TEST_CASE("exchange: a capture keeps a content coding as it came, also when it cannot be decoded") {
  const std::string reply =
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\nnot-g";
  const auto response = captured_exchange(reply, std::numeric_limits<std::size_t>::max());
  CHECK(response.error);
  REQUIRE(response.capture);
  CHECK(response.capture->response == reply);
}

TEST_CASE("exchange: without capture nothing is copied") {
  const auto response = exchange_with("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  CHECK_FALSE(response.capture);
}

TEST_CASE("exchange: the captured request leaves out the proxy's credentials") {
  const auto response =
      captured_exchange("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        std::numeric_limits<std::size_t>::max(), {}, "Basic dXNlcjpzZWNyZXQ=");
  REQUIRE(response.capture);
  CHECK(response.capture->request.starts_with("GET http://shop.example/item HTTP/1.1\r\n"));
  CHECK(response.capture->request.find("dXNlcjpzZWNyZXQ") == std::string::npos);
  CHECK(response.capture->request.find("Proxy-Authorization") == std::string::npos);
}

TEST_CASE("exchange: a capture cut at the wire cap is marked incomplete and stays bounded") {
  fetch_limits limits;
  limits.max_body_bytes = 4096;
  limits.max_header_bytes = 1024;
  const std::string reply =
      "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(100'000, 'x');
  const auto response = captured_exchange(reply, std::numeric_limits<std::size_t>::max(), limits);
  REQUIRE(response.capture);
  CHECK(response.truncated);
  CHECK_FALSE(response.capture->response_complete);
  CHECK(response.capture->response.size() <= 1024 + 4096);
  CHECK(reply.starts_with(response.capture->response));
}

TEST_CASE("exchange: a response with a length reads its status, headers and body") {
  const auto response =
      exchange_with("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello");
  CHECK_FALSE(response.error);
  CHECK(response.status == 200);
  CHECK(response.content_type == "text/html");
  CHECK(response.body == "hello");
}

// Before the read buffer was given room up front, this page took about two hundred reads of
// 512 bytes, each a system call on a socket.
TEST_CASE("exchange: a page is read in pieces of up to 64 KB, not hundreds of small reads") {
  const std::string body(100'000, 'x');
  const std::string reply =
      "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  std::size_t reads = 0;
  const auto response = exchange_with(reply, std::numeric_limits<std::size_t>::max(), {}, &reads);
  CHECK_FALSE(response.error);
  CHECK(response.body == body);
  CHECK(reads <= 3);
}

// Found by tests/fuzz/http_response_fuzz.cpp: Boost 1.81's parser asserted on the "0\r\n" of
// an empty chunked body followed by one more byte, and the dev and asan builds aborted
// (proxies/asio_beast_impl.cpp).
TEST_CASE("exchange: a chunked body read a byte at a time, the empty one included") {
  const std::string header = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  const auto empty = exchange_with(header + "0\r\n\r\n", 1);
  CHECK_FALSE(empty.error);
  CHECK(empty.status == 200);
  CHECK(empty.body.empty());

  const auto two_chunks =
      exchange_with(header + "3;x=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n", 1);
  CHECK_FALSE(two_chunks.error);
  CHECK(two_chunks.body == "abcde");
}

// Found by tests/fuzz/http_response_fuzz.cpp: Beast reads any three digits as a status, and
// status 0 is what every later step takes for "no response", so the page went unanalysed
// and its body unstored, with no error to say why.
TEST_CASE("exchange: a status below 100 is an http error") {
  for (const std::string_view status : {"000", "007", "099"}) {
    CAPTURE(status);
    const auto response =
        exchange_with("HTTP/1.1 " + std::string(status) + " OK\r\nContent-Length: 4\r\n\r\nshop");
    REQUIRE(response.error);
    CHECK(response.error->code == fetch_errc::http);
    CHECK(response.error->message ==
          "the response status " + std::string(status) + " is not an HTTP status (100-999)");
    CHECK(response.status == 0);
  }
  CHECK(exchange_with("HTTP/1.1 999 Request denied\r\nContent-Length: 0\r\n\r\n").status == 999);
}

// RFC 9110 section 15.2; before, the interim response was taken for the final one: status
// 100, no body, and the real response never read.
TEST_CASE("exchange: interim (1xx) responses are read past to the final response") {
  const auto response = exchange_with(
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
      "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here.");
  CHECK_FALSE(response.error);
  CHECK(response.status == 404);
  CHECK(response.body == "not here.");
  for (const auto& [name, value] : response.headers) CHECK(name != "Link");
}

TEST_CASE("exchange: more than 8 interim responses are an http error") {
  std::string reply;
  for (int i = 0; i < 9; ++i) reply += "HTTP/1.1 102 Processing\r\n\r\n";
  const auto response = exchange_with(reply + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(response.error);
  CHECK(response.error->code == fetch_errc::http);
  CHECK(response.error->message == "more than 8 interim (1xx) responses before the final one");

  std::string eight;
  for (int i = 0; i < 8; ++i) eight += "HTTP/1.1 102 Processing\r\n\r\n";
  CHECK(exchange_with(eight + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").status == 200);
}

// Before, only chunk data counted: endless 1-byte chunks were read six bytes on the wire for
// each byte counted, so the cap cost six times the time and traffic it should.
TEST_CASE("exchange: chunk framing counts toward the wire cap") {
  fetch_limits limits;
  limits.max_body_bytes = 6000;
  std::string reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 10000; ++i) reply += "1\r\na\r\n";  // 60,000 bytes of framing and data
  for (const std::size_t read_size : {std::numeric_limits<std::size_t>::max(), std::size_t{512}}) {
    CAPTURE(read_size);
    const auto response = exchange_with(reply + "0\r\n\r\n", read_size, limits);
    CHECK_FALSE(response.error);
    CHECK(response.truncated);
    CHECK(response.truncated_reason == "body on the wire reached limits.max_body_bytes");
    CHECK(response.wire_bytes >= 6000);
    CHECK(response.wire_bytes < 6000 + 6);
    CHECK(response.body == std::string(1000, 'a'));
  }

  const auto whole = exchange_with(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "a;name=value\r\n0123456789\r\n0\r\n\r\n",
      std::numeric_limits<std::size_t>::max(), limits);
  CHECK_FALSE(whole.truncated);
  CHECK(whole.body == "0123456789");
  CHECK(whole.wire_bytes == 10 + (1 + 11 + 4) + (1 + 4));
}

// A connection is kept for the visitor's next request (connection_keeper.hpp) only where the
// next response cannot be mistaken for the rest of this one.
TEST_CASE("exchange: a connection is reusable only at the end of a message the server keeps open") {
  const auto kept = [](std::string_view reply) {
    CAPTURE(reply);
    return exchange_with(reply).reusable;
  };
  CHECK(kept("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
  CHECK(kept("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"));
  CHECK(kept("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
  CHECK(kept("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi"));
  // A redirect that is followed leaves its body unread: kept only when it has none.
  CHECK(kept("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n"));
  CHECK_FALSE(kept("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 5\r\n\r\nmoved"));

  CHECK_FALSE(kept("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi"));
  CHECK_FALSE(kept("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
  // Ended by the close: nothing is left to reuse.
  CHECK_FALSE(kept("HTTP/1.1 200 OK\r\n\r\nhi"));
  // Bytes after the message are no response to anything asked.
  CHECK_FALSE(kept("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 200 OK\r\n"));
  // Cut at a cap or undecodable: the rest of the body is still on the wire.
  fetch_limits small;
  small.max_body_bytes = 4;
  CHECK_FALSE(exchange_with("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nabcdefgh",
                            std::numeric_limits<std::size_t>::max(), small)
                  .reusable);
  CHECK_FALSE(kept("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope"));
}

}  // namespace geocrawl
