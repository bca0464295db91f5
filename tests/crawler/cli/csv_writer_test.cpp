#include "crawler/cli/csv_writer.hpp"

#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "crawler/batch/csv_reader.hpp"
#include "crawler/batch/input_cursor.hpp"

namespace geocrawl {

namespace {

std::string one_row(std::string_view cell) {
  std::ostringstream out;
  csv_writer csv(out, byte_order_mark::omit);
  csv.text(cell);
  csv.end_row();
  csv.flush();
  return out.str();
}

struct written_case {
  std::string_view cell;
  std::string_view written;
};

void check_written(std::span<const written_case> cases) {
  for (const auto& c : cases) {
    CAPTURE(c.cell);
    CHECK(one_row(c.cell) == c.written);
  }
}

}  // namespace

TEST_CASE("a field is quoted only when it holds a comma, quote, CR or LF") {
  const written_case cases[] = {
      {"plain", "plain\r\n"},
      {"a,b", "\"a,b\"\r\n"},
      {"say \"hi\"", "\"say \"\"hi\"\"\"\r\n"},
      {"\"", "\"\"\"\"\r\n"},
      {"line\rbreak", "\"line\rbreak\"\r\n"},
      {"line\nbreak", "\"line\nbreak\"\r\n"},
      {"line\r\nbreak", "\"line\r\nbreak\"\r\n"},
      {"  padded  ", "  padded  \r\n"},
      {"バイアグラ通販", "バイアグラ通販\r\n"},
  };
  check_written(cases);
}

TEST_CASE("a text cell a spreadsheet would run as a formula gets a leading quote") {
  const written_case cases[] = {
      {"=HYPERLINK(\"http://x.example\")", "\"'=HYPERLINK(\"\"http://x.example\"\")\"\r\n"},
      {"=1+1", "'=1+1\r\n"},
      {"+81 3 1234", "'+81 3 1234\r\n"},
      {"-5% today", "'-5% today\r\n"},
      {"@SUM(A1)", "'@SUM(A1)\r\n"},
      {"\tcmd", "'\tcmd\r\n"},
      {"\rcmd", "\"'\rcmd\"\r\n"},
      {"a=b", "a=b\r\n"},
      {" =not first", " =not first\r\n"},
  };
  check_written(cases);
}

TEST_CASE("numbers are written as they are, cells separated by commas, rows by CRLF") {
  std::ostringstream out;
  csv_writer csv(out, byte_order_mark::omit);
  csv.number(std::int64_t{-3});
  csv.number(0.85);
  csv.number(1.0);
  csv.text("x");
  csv.end_row();
  csv.number(std::int64_t{200});
  csv.end_row();
  csv.flush();
  CHECK(out.str() == "-3,0.85,1,x\r\n200\r\n");
}

TEST_CASE("booleans are true or false, an absent number or boolean is an empty cell") {
  std::ostringstream out;
  csv_writer csv(out, byte_order_mark::omit);
  csv.boolean(true);
  csv.boolean(false);
  csv.boolean(std::nullopt);
  csv.number(std::optional<double>());
  csv.number(std::optional<double>(0.5));
  csv.end_row();
  csv.flush();
  CHECK(out.str() == "true,false,,,0.5\r\n");
}

// Found by tests/fuzz/csv_fuzz.cpp: a row of one empty cell was an empty line, which the reader
// skips, so the rows after it were read one row early.
TEST_CASE("a row of one empty cell is written as \"\" and reads back as that row") {
  std::ostringstream out;
  csv_writer csv(out, byte_order_mark::omit);
  csv.text("");
  csv.end_row();
  csv.text("");
  csv.text("");
  csv.end_row();
  csv.end_row();  // no cells: no row, as before
  csv.text("next");
  csv.end_row();
  csv.flush();
  CHECK(out.str() == "\"\"\r\n,\r\n\r\nnext\r\n");

  std::istringstream in(out.str());
  input_cursor cursor(in);
  csv_reader reader(cursor, {});
  using fields = std::vector<std::string>;
  CHECK(reader.next()->fields == fields{""});
  CHECK(reader.next()->fields == fields{"", ""});
  CHECK(reader.next()->fields == fields{"next"});
  CHECK_FALSE(reader.next());
}

// Found with tests/fuzz/csv_fuzz.cpp: written unquoted first in a file, the cell's mark was
// read as the file's own and dropped.
TEST_CASE("a cell that starts with a byte order mark is quoted, and reads back whole") {
  const std::string cell = "\xEF\xBB\xBFurl";
  CHECK(one_row(cell) == "\"" + cell + "\"\r\n");
  CHECK(one_row("a\xEF\xBB\xBF") == "a\xEF\xBB\xBF\r\n");

  std::istringstream in(one_row(cell));
  input_cursor cursor(in);
  csv_reader reader(cursor, {});
  CHECK(reader.next()->fields == std::vector<std::string>{cell});
}

TEST_CASE("a byte order mark comes first when asked for, and only then") {
  std::ostringstream with_bom;
  csv_writer csv(with_bom, byte_order_mark::write);
  csv.text("url");
  csv.end_row();
  csv.flush();
  CHECK(with_bom.str() == "\xEF\xBB\xBFurl\r\n");
  CHECK(one_row("url") == "url\r\n");
}

TEST_CASE("rows reach the stream in chunks, and all of them after flush") {
  std::ostringstream out;
  csv_writer csv(out, byte_order_mark::omit);
  const std::string cell(1000, 'x');
  csv.text(cell);
  csv.end_row();
  CHECK(out.str().empty());  // buffered
  for (int row = 0; row < 199; ++row) {
    csv.text(cell);
    csv.end_row();
  }
  CHECK_FALSE(out.str().empty());  // a full chunk was written
  csv.flush();
  CHECK(out.str().size() == 200 * (cell.size() + 2));
}

}  // namespace geocrawl
