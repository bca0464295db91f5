#pragma once
// CSV rows for analysts' spreadsheets, RFC 4180: comma separator, CRLF line ends, a field in
// double quotes (its quotes doubled) when it holds a comma, a quote, CR or LF, or starts with
// a UTF-8 byte order mark (which a reader would drop at the start of a file). Bytes pass
// through as given, so UTF-8 stays UTF-8.
//
// Text cells carry what websites wrote (titles, URLs, error messages), and a spreadsheet runs a
// cell that begins with = + - @ TAB or CR as a formula: such a cell gets a leading ' (OWASP's
// CSV injection advice), which spreadsheets show as text. Numbers we produce are written as
// they are. A row of one empty text cell is written as "" rather than as an empty line, which
// readers skip as no row at all.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace geocrawl {

enum class byte_order_mark { omit, write };  // Excel reads UTF-8 CSV as UTF-8 only after a BOM

class csv_writer {
 public:
  csv_writer(std::ostream& out, byte_order_mark bom);

  void text(std::string_view cell);
  void number(std::int64_t value);
  void number(double value);                 // shortest form that reads back as the same double
  void number(std::optional<double> value);  // none: an empty cell
  // `true` or `false`, the words spreadsheets and scripts read as booleans; none: an empty cell.
  void boolean(std::optional<bool> value);
  void end_row();

  // Hands the buffered rows to the stream. Rows are collected in chunks and written when a
  // chunk fills, so call this after the last row; the destructor does not, so a failed export
  // adds nothing after the failure.
  void flush();

 private:
  void start_cell();
  void write_quoted_if_needed(std::string_view cell, std::string_view prefix);
  void flush_if_full();

  std::ostream& out_;
  std::string buffer_;
  bool row_started_ = false;
  std::size_t row_start_ = 0;  // where the row's first cell begins in buffer_
};

}  // namespace geocrawl
