#include "crawler/warc/warc_digest.hpp"

#include <doctest/doctest.h>

using namespace geocrawl;

TEST_CASE("digests are SHA-1 in base32, as wget, Heritrix and warcio write them") {
  // Known values: Python's base64.b32encode(hashlib.sha1(data).digest()).
  CHECK(warc_sha1_digest("abc") == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  CHECK(warc_sha1_digest("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  CHECK(warc_sha1_digest("Hello, world") == "sha1:4AVKDMIG2XD4NKMN54VRGAC5LOCP3DOI");
}

TEST_CASE("the payload of a message with Content-Length is the bytes after its header") {
  CHECK(http_payload("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") == "hello");
}

TEST_CASE("the payload of a chunked message is its entity without the chunk framing") {
  const std::string chunked =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "7\r\nHello, \r\n5;ext=1\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n";
  CHECK(http_payload(chunked) == "Hello, world");
  CHECK(warc_sha1_digest(*http_payload(chunked)) == "sha1:4AVKDMIG2XD4NKMN54VRGAC5LOCP3DOI");
}

TEST_CASE("chunked is recognised in any case and as the last of several codings") {
  CHECK(http_payload("HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, CHUNKED\r\n\r\n"
                     "2\r\nab\r\n0\r\n\r\n") == "ab");
  // gzip last: the body is not chunked, whatever it looks like.
  CHECK(http_payload("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n2\r\nab") ==
        "2\r\nab");
}

TEST_CASE("a chunked message cut short yields the entity as far as it arrived") {
  CHECK(http_payload("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "a\r\n01234") == "01234");
  CHECK(http_payload("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n1") ==
        "abc");
}

TEST_CASE("a header that did not arrive whole has no payload") {
  CHECK_FALSE(http_payload("HTTP/1.1 200 OK\r\nContent-Le").has_value());
}

TEST_CASE("interim responses before the final one are no part of the payload") {
  CHECK(http_payload("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                     "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") == "ok");
}
