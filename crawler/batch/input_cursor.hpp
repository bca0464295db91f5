#pragma once
// A text file read one byte at a time by readers that report line numbers, so a list of a
// million sites never has to be in memory. A UTF-8 byte order mark at the start is skipped:
// spreadsheets and Windows editors write one, and it is not part of the first line.
#include <cstddef>
#include <istream>
#include <string>

namespace geocrawl {

class input_cursor {
 public:
  static constexpr int end = std::char_traits<char>::eof();

  // The stream's errors (an I/O error, a directory opened as a file) come out of get() and
  // peek() as the std::ios_base::failure that std::filebuf throws.
  explicit input_cursor(std::istream& in);

  // The next byte as an unsigned char value, or `end`.
  int get();
  int peek();

  // The 1-based line of the next byte.
  std::size_t line() const { return line_; }

 private:
  void skip_byte_order_mark();

  std::streambuf& buffer_;
  bool started_ = false;
  // Bytes read while looking for the byte order mark that turned out not to be one.
  std::string replay_;
  std::size_t replayed_ = 0;
  std::size_t line_ = 1;
};

}  // namespace geocrawl
