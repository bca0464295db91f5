#include "crawler/report/bounded_text.hpp"

namespace geocrawl {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t character_start(std::string_view text, std::size_t offset) {
  while (offset > 0 && offset < text.size() && is_continuation_byte(text[offset])) --offset;
  return offset;
}

std::size_t character_end(std::string_view text, std::size_t offset) {
  while (offset < text.size() && is_continuation_byte(text[offset])) ++offset;
  return offset;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return text.substr(0, character_start(text, max_bytes));
}

}  // namespace geocrawl
