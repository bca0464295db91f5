#include "crawler/batch/csv_reader.hpp"

#include <utility>

namespace geocrawl {

namespace {

enum class field_state { start, unquoted, quoted, after_quote };

}  // namespace

csv_reader::csv_reader(input_cursor& input, csv_limits limits) : input_(input), limits_(limits) {}

std::optional<csv_record> csv_reader::next() {
  for (;;) {
    if (input_.peek() == input_cursor::end) return std::nullopt;
    csv_record record;
    record.line = input_.line();
    std::string field;
    std::size_t record_bytes = 0;
    int last_byte = input_cursor::end;
    std::size_t quote_line = 0;
    auto state = field_state::start;

    // Storing stops at the first problem, but the scan goes on to the record's end: memory
    // stays bounded and the next record starts where it should.
    const auto fail = [&](std::string problem) {
      if (record.problem.empty()) record.problem = std::move(problem);
    };
    const auto take = [&] {
      const int c = input_.get();
      if (c == input_cursor::end) return c;
      last_byte = c;
      if (++record_bytes > limits_.max_record_bytes && record.problem.empty()) {
        fail("the row is longer than " + std::to_string(limits_.max_record_bytes) + " bytes");
      }
      return c;
    };
    const auto keep = [&](int c) {
      if (!record.problem.empty()) return;
      if (field.size() == limits_.max_field_bytes) {
        fail("a field is longer than " + std::to_string(limits_.max_field_bytes) + " bytes");
      } else {
        field += static_cast<char>(c);
      }
    };
    const auto end_field = [&] {
      if (record.problem.empty()) record.fields.push_back(std::move(field));
      field.clear();
      state = field_state::start;
    };

    for (;;) {
      const int c = take();
      if (state == field_state::quoted) {
        if (c == input_cursor::end) {
          fail("the quote opened on line " + std::to_string(quote_line) + " is never closed");
          break;
        }
        if (c == '"' && input_.peek() == '"') {
          keep(take());
        } else if (c == '"') {
          state = field_state::after_quote;
        } else if (!(c == '\r' && input_.peek() == '\n')) {
          keep(c);
        }
        continue;
      }
      if (state == field_state::start && c == '"') {
        state = field_state::quoted;
        quote_line = input_.line();
        continue;
      }
      if (c == '\r' && input_.peek() == '\n') continue;
      if (c == input_cursor::end || c == '\n') {
        // A line with nothing on it is no record.
        if (state != field_state::start || !record.fields.empty() || !record.problem.empty())
          end_field();
        break;
      }
      if (c == ',') {
        end_field();
        continue;
      }
      if (state == field_state::after_quote) {
        fail("text follows the closing quote of a field");
      } else if (c == '"') {
        fail("a quote inside an unquoted field (quote the whole field and double the quote)");
      } else {
        state = field_state::unquoted;
      }
      keep(c);
    }
    if (record.fields.empty() && record.problem.empty()) continue;
    // The line of the last byte, which is not the next line when that byte ends a line.
    record.last_line = input_.line() - (last_byte == '\n' ? 1 : 0);
    return record;
  }
}

}  // namespace geocrawl
