#pragma once
// CSV records as RFC 4180 writes them (quoted fields, doubled quotes, line breaks inside
// quotes, CRLF or LF), read one record at a time with bounded memory. The file is
// untrusted: an unterminated quote must not make one field swallow the machine's memory.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "crawler/batch/input_cursor.hpp"

namespace geocrawl {

struct csv_limits {
  std::size_t max_field_bytes = 8 * 1024;
  std::size_t max_record_bytes = 64 * 1024;
};

struct csv_record {
  std::size_t line = 0;       // where the record starts
  std::size_t last_line = 0;  // where it ends: later than `line` when a quoted field spans lines
  std::vector<std::string> fields;
  // Why the record is malformed, for a person; empty when it is well formed. A malformed
  // record still ends where RFC 4180 says it ends, so the next record is read correctly;
  // its fields are then incomplete.
  std::string problem;
};

class csv_reader {
 public:
  csv_reader(input_cursor& input, csv_limits limits);

  // The next record, or std::nullopt at the end of the input. Empty lines are skipped.
  // A line break inside a quoted field is read as "\n" whether the file wrote CRLF or LF.
  std::optional<csv_record> next();

 private:
  input_cursor& input_;
  csv_limits limits_;
};

}  // namespace geocrawl
