#include "crawler/batch/input_cursor.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {

namespace {

// Everything the cursor gives, with the line of each byte.
std::string read_all(std::string_view bytes, std::vector<std::size_t>* lines = nullptr) {
  std::istringstream in{std::string(bytes)};
  input_cursor cursor(in);
  std::string out;
  while (cursor.peek() != input_cursor::end) {
    if (lines) lines->push_back(cursor.line());
    out += static_cast<char>(cursor.get());
  }
  CHECK(cursor.get() == input_cursor::end);
  return out;
}

}  // namespace

TEST_CASE("a UTF-8 byte order mark at the start is skipped and nothing else is") {
  struct example {
    std::string_view bytes;
    std::string_view read;
  };
  const example examples[] = {
      {"\xEF\xBB\xBF"
       "example.com\n",
       "example.com\n"},
      {"\xEF\xBB\xBF", ""},
      {"\xEF\xBB"
       "x",
       "\xEF\xBB"
       "x"},
      {"\xEF\xBB", "\xEF\xBB"},
      {"\xEF\x80\x80", "\xEF\x80\x80"},
      {"\xEF", "\xEF"},
      {"a\xEF\xBB\xBF", "a\xEF\xBB\xBF"},
      {"\xEF\xBB\xBF\xEF\xBB\xBF", "\xEF\xBB\xBF"},
      {"", ""},
  };
  for (const auto& [bytes, read] : examples) {
    CAPTURE_BINDING(bytes);
    CHECK(read_all(bytes) == read);
  }
}

TEST_CASE("line() is the line of the next byte") {
  std::vector<std::size_t> lines;
  CHECK(read_all("\xEF\xBB\xBF"
                 "a\nb\r\n\nc",
                 &lines) == "a\nb\r\n\nc");
  CHECK(lines == std::vector<std::size_t>{1, 1, 2, 2, 2, 3, 4});
}

TEST_CASE("a stream that fails to read throws") {
  struct failing_buffer : std::streambuf {
    int_type underflow() override { throw std::ios_base::failure("read error"); }
  } buffer;
  std::istream in(&buffer);
  input_cursor cursor(in);
  CHECK_THROWS_AS(cursor.peek(), std::ios_base::failure);
}

}  // namespace geocrawl
