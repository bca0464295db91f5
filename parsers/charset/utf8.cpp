#include "parsers/charset/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace geocrawl {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

using byte_ptr = const unsigned char*;

byte_ptr bytes_begin(std::string_view s) { return reinterpret_cast<byte_ptr>(s.data()); }
byte_ptr bytes_end(std::string_view s) { return bytes_begin(s) + s.size(); }

// The first non-ASCII byte at or after `p`. Eight bytes at a time: markup is ASCII.
byte_ptr skip_ascii(byte_ptr p, byte_ptr end) {
  for (std::uint64_t word = 0; end - p >= 8; p += 8) {
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080U) break;
  }
  while (p < end && *p < 0x80) ++p;
  return p;
}

struct utf8_sequence {
  std::size_t length;
  bool valid;
};

// The sequence at `p`, whose first byte is not ASCII; an invalid one is its maximal subpart.
inline utf8_sequence read_utf8_sequence(byte_ptr p, byte_ptr end) {
  const unsigned char lead = *p;
  std::size_t needed = 0;
  unsigned char lower = 0x80;
  unsigned char upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    if (lead == 0xE0) lower = 0xA0;  // overlong
    if (lead == 0xED) upper = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    if (lead == 0xF0) lower = 0x90;  // overlong
    if (lead == 0xF4) upper = 0x8F;  // above U+10FFFF
  } else {
    return {1, false};
  }
  for (std::size_t i = 1; i <= needed; ++i) {
    if (p + i >= end || p[i] < lower || p[i] > upper) return {i, false};
    lower = 0x80;
    upper = 0xBF;
  }
  return {needed + 1, true};
}

}  // namespace

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = replacement_code_point;
  }
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::size_t first_non_ascii(std::string_view bytes) {
  return static_cast<std::size_t>(skip_ascii(bytes_begin(bytes), bytes_end(bytes)) -
                                  bytes_begin(bytes));
}

converted_text decode_utf8(std::string_view bytes) {
  converted_text out;
  out.utf8.reserve(bytes.size());
  const byte_ptr begin = bytes_begin(bytes);
  const byte_ptr end = bytes_end(bytes);
  byte_ptr copied = begin;
  for (byte_ptr p = skip_ascii(begin, end); p < end;) {
    const auto sequence = read_utf8_sequence(p, end);
    if (!sequence.valid) {
      out.utf8.append(reinterpret_cast<const char*>(copied), static_cast<std::size_t>(p - copied));
      out.utf8 += replacement_character;
      if (out.replacements++ == 0) out.first_invalid = static_cast<std::size_t>(p - begin);
      copied = p + sequence.length;
    }
    p += sequence.length;
    if (p < end && *p < 0x80) p = skip_ascii(p, end);  // CJK text runs on without ASCII
  }
  out.utf8.append(reinterpret_cast<const char*>(copied), static_cast<std::size_t>(end - copied));
  return out;
}

bool reads_as_utf8(std::string_view window, window_end ending) {
  const byte_ptr end = bytes_end(window);
  for (byte_ptr p = skip_ascii(bytes_begin(window), end); p < end;) {
    const auto sequence = read_utf8_sequence(p, end);
    if (!sequence.valid && !(ending == window_end::cut_short && p + sequence.length == end)) {
      return false;
    }
    p = skip_ascii(p + sequence.length, end);
  }
  return true;
}

}  // namespace geocrawl
