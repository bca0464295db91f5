#include "parsers/byte_set_search.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace geocrawl {
namespace {

// Every position byte_set_search stops at, from 0 on, each search starting one past the last.
std::vector<std::size_t> stops(std::string_view text, std::string_view bytes) {
  byte_set_search search(text, bytes);
  std::vector<std::size_t> found;
  for (auto at = search.next(0); at < text.size(); at = search.next(at + 1)) found.push_back(at);
  return found;
}

// The same, a byte at a time: what the search must agree with.
std::vector<std::size_t> stops_by_byte(std::string_view text, std::string_view bytes) {
  std::vector<std::size_t> found;
  for (std::size_t at = 0; at < text.size(); ++at)
    if (bytes.find(text[at]) != std::string_view::npos) found.push_back(at);
  return found;
}

}  // namespace

TEST_CASE("the search stops at every byte of the set, in order, and nowhere else") {
  const std::string_view bytes = "+(0123456789";
  for (const std::string_view text :
       {"", "no digits here", "0", "tel +81 (0)3-1234-5678, fax 03 9876 5432.", "9 at the start",
        "at the end 7", "((((", "a1b2c3d4e5f6g7h8i9j0"}) {
    CAPTURE(text);
    CHECK(stops(text, bytes) == stops_by_byte(text, bytes));
  }
}

TEST_CASE("bytes above 0x7F and NUL are bytes like any other") {
  const std::string text("\xE2\x98\x85 sales\xE2\x98\x85shop.example \0 end", 30);
  const std::string bytes("\xE2\0", 2);
  CHECK(stops(text, bytes) == stops_by_byte(text, bytes));
  CHECK(stops(text, bytes) == std::vector<std::size_t>{0, 9, 25});
}

TEST_CASE("searching from a position skips what lies before it, going back searches afresh") {
  const std::string_view text = "a1b2c3";
  byte_set_search search(text, "0123456789");
  CHECK(search.next(0) == 1);
  CHECK(search.next(2) == 3);
  CHECK(search.next(3) == 3);  // the same position again: still there
  CHECK(search.next(6) == 6);  // at the end: none
  CHECK(search.next(100) == 6);
  CHECK(search.next(0) == 1);  // back to the start
  CHECK(search.next(4) == 5);
}

TEST_CASE("an empty set finds nothing, more bytes than it holds is refused") {
  CHECK(stops("abc", "").empty());
  CHECK_THROWS_AS(byte_set_search("abc", "0123456789abcdefg"), std::invalid_argument);
  CHECK_NOTHROW(byte_set_search("abc", "0123456789abcdef"));
}

}  // namespace geocrawl
