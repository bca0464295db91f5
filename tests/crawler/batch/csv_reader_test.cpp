#include "crawler/batch/csv_reader.hpp"

#include <sstream>

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {

namespace {

std::vector<csv_record> read_records(std::string_view text, csv_limits limits = {}) {
  std::istringstream in{std::string(text)};
  input_cursor cursor(in);
  csv_reader reader(cursor, limits);
  std::vector<csv_record> records;
  // Bounded: every record consumes at least one byte.
  for (std::size_t i = 0; i <= text.size(); ++i) {
    auto record = reader.next();
    if (!record) return records;
    records.push_back(std::move(*record));
  }
  FAIL("the reader did not reach the end of the input");
  return records;
}

using fields = std::vector<std::string>;

}  // namespace

TEST_CASE("records as RFC 4180 writes them") {
  struct example {
    std::string_view text;
    std::vector<fields> records;
  };
  const example examples[] = {
      {"a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
      {"a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"a,,\n", {{"a", "", ""}}},
      {",\n", {{"", ""}}},
      {"\"\"\n", {{""}}},
      {"\"a,b\",c\n", {{"a,b", "c"}}},
      {"\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}},
      {"\"two\nlines\",x\n", {{"two\nlines", "x"}}},
      {"\"two\r\nlines\",x\r\n", {{"two\nlines", "x"}}},
      {"\"lone\rcr\"\n", {{"lone\rcr"}}},
      {"a\rb\n", {{"a\rb"}}},
      {"\n\r\na\n\n\nb\n\n", {{"a"}, {"b"}}},
      {" a , b \n", {{" a ", " b "}}},
      {"日本,ラベル\n", {{"日本", "ラベル"}}},
      {"", {}},
  };
  for (const auto& [text, expected] : examples) {
    CAPTURE_BINDING(text);
    const auto records = read_records(text);
    REQUIRE(records.size() == expected.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      CHECK(records[i].problem == "");
      CHECK(records[i].fields == expected[i]);
    }
  }
}

TEST_CASE("a record knows the lines it starts and ends on") {
  const auto records = read_records("h\n\n\"a\nb\nc\",x\r\nlast");
  REQUIRE(records.size() == 3);
  CHECK(records[0].line == 1);
  CHECK(records[0].last_line == 1);
  CHECK(records[1].line == 3);
  CHECK(records[1].last_line == 5);
  CHECK(records[2].line == 6);
  CHECK(records[2].last_line == 6);
}

TEST_CASE("a malformed record is a problem and the next record is read where it starts") {
  struct example {
    std::string_view text;
    std::string_view problem;
  };
  const example examples[] = {
      {"a\"b,c\nnext\n", "a quote inside an unquoted field"},
      {"\"a\"b,c\nnext\n", "text follows the closing quote of a field"},
      {"\"a\" ,c\nnext\n", "text follows the closing quote of a field"},
      {"x, \"a\"\nnext\n", "a quote inside an unquoted field"},
      {"12345678901,c\nnext\n", "a field is longer than 10 bytes"},
      {"\"1234\n567890,1\",c\nnext\n", "a field is longer than 10 bytes"},
      {"1234567890,1234567890,1234567890\nnext\n", "the row is longer than 30 bytes"},
      {",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\nnext\n", "the row is longer than 30 bytes"},
  };
  for (const auto& [text, problem] : examples) {
    CAPTURE_BINDING(text);
    const auto records =
        read_records(text, csv_limits{.max_field_bytes = 10, .max_record_bytes = 30});
    REQUIRE(records.size() == 2);
    CHECK(records[0].problem.starts_with(problem));
    CHECK(records[0].line == 1);
    CHECK(records[1].problem == "");
    CHECK(records[1].fields == fields{"next"});
  }
}

TEST_CASE(
    "a quote that never closes makes the rest of the input one bad record in bounded memory") {
  std::string text = "url\nok.example\n\"open.example,label\n";
  for (int i = 0; i < 10000; ++i) text += "line" + std::to_string(i) + ".example\n";
  const auto records =
      read_records(text, csv_limits{.max_field_bytes = 100, .max_record_bytes = 1000});
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields == fields{"ok.example"});
  CHECK(records[2].line == 3);
  CHECK(records[2].last_line == 10003);
  CHECK(records[2].problem == "a field is longer than 100 bytes");
  CHECK(records[2].fields.empty());

  const auto short_text = read_records("a\n\"never closed\nb\n");
  REQUIRE(short_text.size() == 2);
  CHECK(short_text[1].problem == "the quote opened on line 2 is never closed");
  CHECK(short_text[1].last_line == 3);
}

}  // namespace geocrawl
