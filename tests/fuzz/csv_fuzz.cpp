// CSV export escaping, checked by reading it back: rows of arbitrary text and number cells
// go through csv_writer, and the project's own RFC 4180 reader must return every cell as it
// was written, except for what csv_writer.hpp and csv_reader.hpp say changes: a text cell
// that starts like a formula (= + - @ TAB CR) comes back with a leading ', and a CRLF
// inside a cell comes back as LF. The input is read with FuzzedDataProvider: a byte order
// mark or not, then rows of 1-8 cells.
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "crawler/batch/csv_reader.hpp"
#include "crawler/batch/input_cursor.hpp"
#include "crawler/cli/csv_writer.hpp"
#include "tests/fuzz/property_check.hpp"

namespace {

using geocrawl::testing::require;
using row = std::vector<std::string>;

constexpr std::size_t max_rows = 64;
constexpr std::size_t max_cell_bytes = 512;

std::string expected_text(std::string_view cell) {
  std::string expected;
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
    expected = "'";
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\r' && i + 1 < cell.size() && cell[i + 1] == '\n') continue;
    expected += cell[i];
  }
  return expected;
}

// The cell as the reader should return it; `csv` gets the cell itself.
std::string write_cell(FuzzedDataProvider& input, geocrawl::csv_writer& csv) {
  switch (input.ConsumeIntegralInRange(0, 2)) {
    case 0: {
      const auto value = input.ConsumeIntegral<std::int64_t>();
      csv.number(value);
      return std::to_string(value);
    }
    case 1: {
      const auto value = input.ConsumeFloatingPoint<double>();
      csv.number(value);
      std::array<char, 32> digits{};
      return {digits.data(),
              std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr};
    }
    default: {
      const auto cell = input.ConsumeRandomLengthString(max_cell_bytes);
      csv.text(cell);
      return expected_text(cell);
    }
  }
}

// Cells as C-escaped strings, for the report of a broken round trip.
std::string shown(const row& cells) {
  std::string text;
  for (const auto& cell : cells) {
    text += " \"";
    for (const unsigned char c : cell) {
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
        text += static_cast<char>(c);
      } else {
        char escaped[5];
        std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
        text += escaped;
      }
    }
    text += '"';
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  std::ostringstream out;
  geocrawl::csv_writer csv(out, input.ConsumeBool() ? geocrawl::byte_order_mark::write
                                                    : geocrawl::byte_order_mark::omit);
  std::vector<row> expected;
  while (input.remaining_bytes() > 0 && expected.size() < max_rows) {
    row cells(input.ConsumeIntegralInRange<std::size_t>(1, 8));
    for (auto& cell : cells) cell = write_cell(input, csv);
    csv.end_row();
    expected.push_back(std::move(cells));
  }
  csv.flush();

  std::istringstream written(out.str());
  geocrawl::input_cursor cursor(written);
  geocrawl::csv_reader reader(
      cursor, {.max_field_bytes = 2 * max_cell_bytes + 1, .max_record_bytes = 1 << 20});
  for (const auto& cells : expected) {
    const auto record = reader.next();
    require(record.has_value(), "every row written is read back");
    require(record->problem.empty(), "a written row reads back well formed");
    if (record->fields != cells) {
      std::fprintf(stderr, "written: %s\nread:    %s\n", shown(cells).c_str(),
                   shown(record->fields).c_str());
      require(false, "every cell reads back as written");
    }
  }
  require(!reader.next(), "nothing is read back that was not written");
  return 0;
}
