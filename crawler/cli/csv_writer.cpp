#include "crawler/cli/csv_writer.hpp"

#include <array>
#include <charconv>

#include "parsers/charset/byte_order_mark.hpp"

namespace geocrawl {

namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

bool starts_like_formula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

// A cell that starts with a byte order mark is quoted too: first in a file, a reader would
// take it for the file's own mark and drop it.
bool needs_quotes(std::string_view cell) {
  return cell.find_first_of(",\"\r\n") != std::string_view::npos ||
         cell.starts_with(utf8_byte_order_mark);
}

}  // namespace

csv_writer::csv_writer(std::ostream& out, byte_order_mark bom) : out_(out) {
  buffer_.reserve(chunk_bytes);
  if (bom == byte_order_mark::write) buffer_ += utf8_byte_order_mark;
}

void csv_writer::text(std::string_view cell) {
  start_cell();
  write_quoted_if_needed(cell, starts_like_formula(cell) ? "'" : "");
}

void csv_writer::number(std::int64_t value) {
  start_cell();
  buffer_ += std::to_string(value);
}

void csv_writer::number(double value) {
  start_cell();
  std::array<char, 32> digits{};
  const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  buffer_.append(digits.data(), written.ptr);
}

void csv_writer::number(std::optional<double> value) {
  if (value) {
    number(*value);
  } else {
    start_cell();
  }
}

void csv_writer::boolean(std::optional<bool> value) {
  start_cell();
  if (value) buffer_ += *value ? "true" : "false";
}

void csv_writer::end_row() {
  // Cells were written, yet nothing shows: one empty cell. Two would have left a comma.
  if (row_started_ && buffer_.size() == row_start_) buffer_ += "\"\"";
  buffer_ += "\r\n";
  row_started_ = false;
  flush_if_full();
}

void csv_writer::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  out_.flush();
  buffer_.clear();
}

void csv_writer::start_cell() {
  if (row_started_) {
    buffer_ += ',';
  } else {
    row_start_ = buffer_.size();
  }
  row_started_ = true;
}

void csv_writer::write_quoted_if_needed(std::string_view cell, std::string_view prefix) {
  if (!needs_quotes(cell)) {
    buffer_ += prefix;
    buffer_ += cell;
    return;
  }
  buffer_ += '"';
  buffer_ += prefix;
  for (const char c : cell) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
}

void csv_writer::flush_if_full() {
  if (buffer_.size() >= chunk_bytes) flush();
}

}  // namespace geocrawl
