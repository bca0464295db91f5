#include "crawler/http/content_decoder.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "tests/support/encoders.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t mib = 1024 * 1024;
constexpr std::size_t no_cap = 64 * mib;
// Zeros inflate about 1000:1 under deflate; 16 times the cap is a bomb yet quick to build.
constexpr std::size_t bomb_bytes = 16 * mib;

std::string gzip(std::string_view data) { return testing::encode("gzip", data); }
std::string brotli(std::string_view data) { return testing::encode("br", data); }
std::string zstd(std::string_view data) { return testing::encode("zstd", data); }
using testing::encode;
std::string_view header_for(std::string_view coding) {
  return testing::content_encoding_for(coding);
}

const std::vector<std::string_view> codings{"gzip", "deflate", "raw deflate", "br", "zstd"};

// Compressible text: words drawn from a small vocabulary with a fixed seed.
std::string text(std::size_t size) {
  static const std::vector<std::string_view> words{"crawl ", "geo ",    "proxy ", "asio ",
                                                   "beast ", "vienna ", "tokyo ", "\n"};
  std::mt19937 rng(42);
  std::string out;
  while (out.size() < size) out += words[rng() % words.size()];
  out.resize(size);
  return out;
}

struct result {
  std::string out;
  decode_state last_feed = decode_state::more;
  decode_state final_state = decode_state::more;
  std::string error;
};

// Feeds body in pieces of 1..max_piece bytes (random with a fixed seed), stopping early only on
// limit_reached or failed, then calls finish().
result decode(std::string_view coding, std::string_view body, std::size_t cap,
              std::size_t max_piece) {
  content_decoder decoder(coding, cap);
  std::mt19937 rng(7);
  result r;
  while (!body.empty()) {
    const std::size_t piece = std::min<std::size_t>(body.size(), 1 + rng() % max_piece);
    r.last_feed = decoder.feed(body.substr(0, piece), r.out);
    body.remove_prefix(piece);
    if (r.last_feed == decode_state::limit_reached || r.last_feed == decode_state::failed) break;
  }
  r.final_state = decoder.finish(r.out);
  CHECK(decoder.decoded_bytes() == r.out.size());
  r.error = decoder.error();
  return r;
}

TEST_CASE("content_decoder round-trips 1 MB of text fed in random small pieces") {
  const std::string original = text(mib);
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    const result r = decode(header_for(coding), encode(coding, original), no_cap, 3000);
    CHECK(r.final_state == decode_state::done);
    CHECK(r.out == original);
  }
}

TEST_CASE("content_decoder decodes a small body fed byte at a time") {
  const std::string original = text(3000);
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    const result r = decode(header_for(coding), encode(coding, original), no_cap, 1);
    CHECK(r.last_feed == decode_state::done);
    CHECK(r.final_state == decode_state::done);
    CHECK(r.out == original);
  }
}

TEST_CASE("content_decoder parses the header case-insensitively and skips identity") {
  const std::string original = text(5000);
  CHECK(decode(" X-GZip ", gzip(original), no_cap, 100).out == original);
  CHECK(decode("identity, BR", brotli(original), no_cap, 100).out == original);
  CHECK(decode("gzip,\tzstd ,", zstd(gzip(original)), no_cap, 100).out == original);
}

TEST_CASE("content_decoder decodes concatenated gzip members and zstd frames") {
  const std::string a = text(4000);
  const std::string b = "second member";
  for (const std::size_t piece : {std::size_t{1}, std::size_t{500}}) {
    CAPTURE(piece);
    const result g = decode("gzip", gzip(a) + gzip(b), no_cap, piece);
    CHECK(g.final_state == decode_state::done);
    CHECK(g.out == a + b);
    const result z = decode("zstd", zstd(a) + zstd(b), no_cap, piece);
    CHECK(z.final_state == decode_state::done);
    CHECK(z.out == a + b);
  }
}

TEST_CASE("content_decoder ignores trailing garbage after a finished stream") {
  const std::string original = text(2000);
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    const result r =
        decode(header_for(coding), encode(coding, original) + "\x1f garbage", no_cap, 64);
    CHECK(r.final_state == decode_state::done);
    CHECK(r.out == original);
  }
}

TEST_CASE("content_decoder undoes a chain of codings in reverse order") {
  const std::string original = text(mib / 4);
  const result r = decode("gzip, br", brotli(gzip(original)), no_cap, 4000);
  CHECK(r.final_state == decode_state::done);
  CHECK(r.out == original);
}

TEST_CASE("content_decoder stops every coding's bomb at exactly the cap") {
  const std::string zeros(bomb_bytes, '\0');
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    const result r = decode(header_for(coding), encode(coding, zeros), mib, 4096);
    CHECK(r.last_feed == decode_state::limit_reached);
    CHECK(r.final_state == decode_state::limit_reached);
    CHECK(r.out.size() == mib);
    CHECK(r.out.find_first_not_of('\0') == std::string::npos);
  }
}

TEST_CASE("content_decoder stops a gzip bomb inside a gzip at the cap") {
  const result r = decode("gzip, gzip", gzip(gzip(std::string(bomb_bytes, '\0'))), mib, 4096);
  CHECK(r.last_feed == decode_state::limit_reached);
  CHECK(r.out.size() == mib);
}

TEST_CASE("content_decoder caps intermediate stages of a chain") {
  // The outer gzip hides a small inner member followed by 16 MiB of ignored trailing zeros: the
  // final output stays small, but decoding the outer stage must still stop at the cap.
  const std::string inner = gzip("hello") + std::string(bomb_bytes, '\0');
  const result r = decode("gzip, gzip", gzip(inner), mib, 4096);
  CHECK(r.last_feed == decode_state::limit_reached);
  CHECK(r.out == "hello");
}

TEST_CASE("content_decoder output exactly at the cap is not a limit") {
  const std::string original = text(1000);
  const result r = decode("gzip", gzip(original), original.size(), 100);
  CHECK(r.final_state == decode_state::done);
  CHECK(r.out == original);
}

TEST_CASE("content_decoder passes identity through, capped") {
  const std::string body = text(100);
  for (const std::string_view coding : {"", "identity", " Identity "}) {
    CAPTURE(coding);
    const result capped = decode(coding, body, 10, 7);
    CHECK(capped.last_feed == decode_state::limit_reached);
    CHECK(capped.out == body.substr(0, 10));
    const result whole = decode(coding, body, body.size(), 7);
    CHECK(whole.last_feed == decode_state::more);
    CHECK(whole.final_state == decode_state::done);
    CHECK(whole.out == body);
  }
}

TEST_CASE("content_decoder reports corrupt input") {
  const std::string original = text(20000);
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    std::string body = encode(coding, original);
    // Past gzip's 10-byte header, inside the compressed data of every coding.
    for (std::size_t i = 12; i < 40; ++i) body[i] = static_cast<char>(0xff);
    const result r = decode(header_for(coding), body, no_cap, 256);
    CHECK(r.final_state == decode_state::failed);
    CHECK(r.error.starts_with("corrupt "));
  }
}

TEST_CASE("content_decoder rejects a gzip body without gzip magic") {
  const result r = decode("gzip", "<html>plain</html>", no_cap, 256);
  CHECK(r.last_feed == decode_state::failed);
  CHECK(r.error == "corrupt gzip stream: unrecognised header");
}

TEST_CASE("content_decoder fails a truncated stream at finish") {
  const std::string original = text(20000);
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    const std::string body = encode(coding, original);
    content_decoder decoder(header_for(coding), no_cap);
    std::string out;
    CHECK(decoder.feed(std::string_view(body).substr(0, body.size() / 2), out) ==
          decode_state::more);
    CHECK(decoder.finish(out) == decode_state::failed);
    CHECK(decoder.error() == "truncated " + std::string(header_for(coding)) + " stream");
  }
}

TEST_CASE("content_decoder treats a lone byte of gzip magic as truncated") {
  const result r = decode("gzip", "\x1f", no_cap, 1);
  CHECK(r.final_state == decode_state::failed);
  CHECK(r.error == "truncated gzip stream");
}

TEST_CASE("content_decoder accepts an empty body for every coding") {
  for (const std::string_view coding : codings) {
    CAPTURE(coding);
    CHECK(decode(header_for(coding), "", no_cap, 1).final_state == decode_state::done);
  }
}

TEST_CASE("content_decoder rejects an unknown coding on the first feed") {
  for (const std::string_view header : {"compress", "gzip, compress"}) {
    CAPTURE(header);
    content_decoder decoder(header, no_cap);
    std::string out;
    CHECK(decoder.feed("anything", out) == decode_state::failed);
    CHECK(decoder.error() == "unsupported content-encoding: compress");
    CHECK(decoder.decoded_bytes() == 0);
    CHECK(decoder.finish(out) == decode_state::failed);
    CHECK(out.empty());
  }
}

TEST_CASE("content_decoder refuses a header that stacks too many codings") {
  content_decoder decoder("gzip, gzip, gzip, gzip, gzip, gzip, gzip, gzip, gzip", no_cap);
  std::string out;
  CHECK(decoder.feed(gzip("x"), out) == decode_state::failed);
  CHECK(decoder.error() == "too many content-encodings");
}

TEST_CASE("content_decoder keeps decoding after a move") {
  const std::string original = text(10000);
  const std::string body = gzip(original);
  content_decoder first("gzip", no_cap);
  std::string out;
  CHECK(first.feed(std::string_view(body).substr(0, 100), out) == decode_state::more);
  content_decoder second(std::move(first));
  CHECK(second.feed(std::string_view(body).substr(100), out) == decode_state::done);
  CHECK(second.finish(out) == decode_state::done);
  CHECK(out == original);
}

}  // namespace
}  // namespace geocrawl
