#include "crawler/cli/terminal_text.hpp"

#include <fmt/format.h>

#include "parsers/charset/utf8.hpp"

namespace geocrawl {

namespace {

enum class quotes { keep, escape };

// U+0080..U+009F (C1 controls: some terminals act on them) and the bidirectional embeddings,
// overrides and isolates U+202A..U+202E, U+2066..U+2069; 0 for any other sequence at `at`.
char32_t invisible_control_at(std::string_view utf8, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return at + i < utf8.size() ? static_cast<unsigned char>(utf8[at + i]) : 0U;
  };
  if (byte(0) == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) return byte(1);
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) >= 0xAA && byte(2) <= 0xAE)
    return 0x2000 + (byte(2) & 0x3F);
  if (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9)
    return 0x2040 + (byte(2) & 0x3F);
  return 0;
}

std::string escaped(std::string_view text, quotes mode) {
  const auto repaired = decode_utf8(text);
  const std::string_view utf8 = repaired.replacements > 0 ? repaired.utf8 : text;
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (const auto control = invisible_control_at(utf8, i); control != 0) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(control));
      i += control < 0x100 ? 1 : 2;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else if (c == '\\' || (c == '"' && mode == quotes::escape)) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string terminal_text(std::string_view text) { return escaped(text, quotes::keep); }

std::string quoted_terminal_text(std::string_view text) {
  return '"' + escaped(text, quotes::escape) + '"';
}

}  // namespace geocrawl
