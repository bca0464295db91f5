#include "parsers/favicon_hash.hpp"

#include <doctest/doctest.h>

#include <string>

namespace geocrawl {
namespace {

std::string counting_bytes(std::size_t size) {
  std::string bytes;
  for (std::size_t i = 0; i < size; ++i) bytes += static_cast<char>(i % 256);
  return bytes;
}

}  // namespace

TEST_CASE("base64_lines writes what Python's base64.encodebytes writes") {
  CHECK(base64_lines("").empty());
  CHECK(base64_lines("a") == "YQ==\n");
  CHECK(base64_lines("ab") == "YWI=\n");
  CHECK(base64_lines("abc") == "YWJj\n");
  CHECK(base64_lines("\xff\xfe\xfd") == "//79\n");
}

TEST_CASE("base64_lines breaks the line after 76 characters and ends with a newline") {
  // 57 bytes are exactly one line of 76 characters; 58 start a second; 114 fill two.
  const auto one_line = base64_lines(counting_bytes(57));
  CHECK(one_line.size() == 77);
  CHECK(one_line.find('\n') == 76);
  const auto spilled = base64_lines(counting_bytes(58));
  CHECK(spilled.size() == 76 + 1 + 4 + 1);
  CHECK(spilled.find('\n') == 76);
  CHECK(spilled.substr(77) == "OQ==\n");
  const auto two_lines = base64_lines(counting_bytes(114));
  CHECK(two_lines.size() == 154);
  CHECK(two_lines[76] == '\n');
  CHECK(two_lines[153] == '\n');
  CHECK(two_lines.find('\n', 77) == 153);
}

// Pinned values, agreed with mmh3.hash(base64.encodebytes(bytes)) by a Python implementation
// of both written from the references (tests/parsers/favicon_hash_check.py runs that comparison
// over random icons in ctest).
TEST_CASE("favicon_hash is Shodan's http.favicon.hash, signed") {
  const std::string gif = std::string(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04\x01\x00"
      "\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b",
      43);
  CHECK(favicon_hash(gif) == -1522510080);
  CHECK(favicon_hash(counting_bytes(57)) == 459585070);
  CHECK(favicon_hash(counting_bytes(58)) == -280317500);
  CHECK(favicon_hash(counting_bytes(114)) == 1266597604);
  // No bytes hash the empty text: murmur3 of "" with seed 0.
  CHECK(favicon_hash("") == 0);
}

}  // namespace geocrawl
