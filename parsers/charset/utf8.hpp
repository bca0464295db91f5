#pragma once
// UTF-8 without ICU: encoding a code point, and checking and repairing UTF-8 bytes on the fast
// path that most pages take (they are UTF-8, and mostly ASCII markup).
#include <cstddef>
#include <string>
#include <string_view>

#include "parsers/charset/converted_text.hpp"

namespace geocrawl {

inline constexpr char32_t replacement_code_point = 0xFFFD;

// Appends `code_point` as UTF-8. A surrogate or a value above U+10FFFF, which UTF-8 cannot
// carry, is written as U+FFFD, so the output is valid UTF-8 whatever the caller decoded.
void append_utf8(std::string& out, char32_t code_point);

// The offset of the first byte of `bytes` that is not ASCII, or bytes.size().
std::size_t first_non_ascii(std::string_view bytes);

// `bytes` with each invalid sequence replaced by U+FFFD. Valid stretches are copied whole. An
// invalid sequence's length is its "maximal subpart": the bytes one U+FFFD stands for in the
// Encoding Standard's UTF-8 decoder (and in ICU's), so replacement counts match what a browser
// shows.
converted_text decode_utf8(std::string_view bytes);

// Whether a window of input ends where the input ends or was cut from longer input.
enum class window_end { input_end, cut_short };

// Whether `window` is UTF-8. A sequence cut short by a window's cut is not held against it.
bool reads_as_utf8(std::string_view window, window_end ending);

}  // namespace geocrawl
