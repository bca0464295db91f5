#include "crawler/batch/input_cursor.hpp"

#include "parsers/charset/byte_order_mark.hpp"

namespace geocrawl {

input_cursor::input_cursor(std::istream& in) : buffer_(*in.rdbuf()) {}

void input_cursor::skip_byte_order_mark() {
  started_ = true;
  for (const char expected : utf8_byte_order_mark) {
    if (buffer_.sgetc() != std::char_traits<char>::to_int_type(expected)) return;
    replay_ += static_cast<char>(buffer_.sbumpc());
  }
  replay_.clear();
}

int input_cursor::peek() {
  if (!started_) skip_byte_order_mark();
  if (replayed_ < replay_.size()) return std::char_traits<char>::to_int_type(replay_[replayed_]);
  return buffer_.sgetc();
}

int input_cursor::get() {
  const int c = peek();
  if (replayed_ < replay_.size()) {
    ++replayed_;
  } else if (c != end) {
    buffer_.sbumpc();
  }
  if (c == '\n') ++line_;
  return c;
}

}  // namespace geocrawl
