#include "parsers/charset/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

TEST_CASE("append_utf8 writes one to four bytes, and U+FFFD for what UTF-8 cannot carry") {
  const struct {
    char32_t code_point;
    std::string_view utf8;
  } cases[] = {
      {U'a', "a"},        {0, std::string_view("\0", 1)}, {0xE9, "é"},
      {0x65E5, "日"},     {0x1F600, "\U0001F600"},        {0x10FFFF, "\U0010FFFF"},
      {0xD800, "\uFFFD"},                        // a lone surrogate
      {0xDFFF, "\uFFFD"}, {0x110000, "\uFFFD"},  // above Unicode
  };
  for (const auto& [code_point, utf8] : cases) {
    CAPTURE_BINDING(utf8);
    std::string out = "x";
    append_utf8(out, code_point);
    CHECK(out == "x" + std::string(utf8));
  }
}

TEST_CASE("decode_utf8 copies valid text and records where the first invalid sequence is") {
  const auto valid = decode_utf8("<p>日本語 text</p>");
  CHECK(valid.utf8 == "<p>日本語 text</p>");
  CHECK(valid.replacements == 0);
  CHECK(valid.first_invalid == std::string::npos);

  const auto damaged = decode_utf8("0123456789\xFF日\xE3\x81");
  CHECK(damaged.utf8 == "0123456789\uFFFD日\uFFFD");
  CHECK(damaged.replacements == 2);
  CHECK(damaged.first_invalid == 10);
}

TEST_CASE("first_non_ascii finds the first high byte, or the end") {
  CHECK(first_non_ascii("") == 0);
  CHECK(first_non_ascii("plain ascii, longer than eight bytes") == 36);
  CHECK(first_non_ascii("sixteen ascii by\xC3\xA9") == 16);
}

TEST_CASE("a window cut from longer input may end in the middle of a character") {
  const std::string_view cut = "caf\xC3";  // "café" cut inside the é
  CHECK(reads_as_utf8(cut, window_end::cut_short));
  CHECK_FALSE(reads_as_utf8(cut, window_end::input_end));
  CHECK_FALSE(reads_as_utf8("caf\xC3 au lait", window_end::cut_short));
  CHECK_FALSE(reads_as_utf8("caf\xE9", window_end::input_end));  // Latin-1
  CHECK(reads_as_utf8("café", window_end::input_end));
}

}  // namespace
}  // namespace geocrawl
