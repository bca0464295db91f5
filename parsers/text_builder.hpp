#pragma once
// Page text as a reader sees it: runs of HTML whitespace collapse to one space, block
// boundaries become line breaks, and a byte limit cuts the text without splitting a UTF-8
// sequence. The matcher downstream looks for words, so "Via" + "gra" across an inline
// boundary must stay one word and "a</p><p>b" must stay two.
#include <cstddef>
#include <string>
#include <string_view>

namespace geocrawl {

class text_builder {
 public:
  // Appends to `out`, which must outlive the builder, up to `limit` bytes.
  text_builder(std::string& out, std::size_t limit) : out_(out), limit_(limit) {}

  // Separators take effect only between words: none leads or trails the text.
  void word_break() {
    if (pending_ == gap::none) pending_ = gap::space;
  }
  void line_break() { pending_ = gap::line; }

  // Returns false once the limit has cut the text; later appends add nothing.
  bool append(std::string_view text);

 private:
  enum class gap { none, space, line };

  void put(std::string_view word);

  std::string& out_;
  std::size_t limit_;
  gap pending_ = gap::none;
  bool full_ = false;
};

// `text` with its whitespace collapsed and trimmed, at most `limit` bytes; sets
// *truncated when the limit cut it.
std::string collapse_whitespace(std::string_view text, std::size_t limit, bool* truncated);

}  // namespace geocrawl
