#include "parsers/text_builder.hpp"

#include "parsers/ascii.hpp"

#include <algorithm>

namespace geocrawl {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

bool text_builder::append(std::string_view text) {
  for (std::size_t i = 0; i < text.size() && !full_;) {
    if (is_ascii_whitespace(text[i])) {
      word_break();
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_ascii_whitespace(text[end])) ++end;
    put(text.substr(i, end - i));
    i = end;
  }
  return !full_;
}

void text_builder::put(std::string_view word) {
  const std::size_t separator = pending_ != gap::none && !out_.empty() ? 1 : 0;
  std::size_t room = limit_ - std::min(limit_, out_.size() + separator);
  if (word.size() > room) {
    full_ = true;
    while (room > 0 && is_continuation_byte(word[room])) --room;
    if (room == 0) return;
    word = word.substr(0, room);
  }
  if (separator != 0) out_ += pending_ == gap::line ? '\n' : ' ';
  pending_ = gap::none;
  out_ += word;
}

std::string collapse_whitespace(std::string_view text, std::size_t limit, bool* truncated) {
  std::string out;
  if (!text_builder(out, limit).append(text)) *truncated = true;
  return out;
}

}  // namespace geocrawl
