#pragma once
// What one decoder made of a body in one encoding, before the charset is settled: the charset
// detection (parsers/charset_detection.hpp) compares these readings by their damage.
#include <cstddef>
#include <string>

namespace geocrawl {

struct converted_text {
  std::string utf8;
  std::size_t replacements = 0;                   // U+FFFD written for invalid sequences
  std::size_t first_invalid = std::string::npos;  // input offset of the first invalid sequence
};

}  // namespace geocrawl
