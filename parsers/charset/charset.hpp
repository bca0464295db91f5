#pragma once
// A fetched HTML body decoded to UTF-8 with the encoding a browser would choose (the WHATWG
// "encoding sniffing algorithm"): byte order mark, then the Content-Type charset, then a
// <meta> declaration, then a detector, then UTF-8. Rogue shops declare one charset and send
// another, so a declaration that plainly does not fit the bytes is checked against the
// detector; the result says which step decided and what was declared when it was overruled.
#include <cstddef>
#include <string>
#include <string_view>

// Reading a declaration (label, Content-Type, <meta>) lives in headers of its own; they are
// included so that code including only this header still has all of the charset functions.
#include "parsers/charset/charset_labels.hpp"
#include "parsers/charset/meta_prescan.hpp"
#include "parsers/content_type.hpp"

namespace geocrawl {

enum class charset_source { bom, http_header, meta, detector, fallback };

// "bom", "header", "meta", "detector", "default": stable codes for JSON and SQLite.
std::string_view to_string(charset_source source);

struct decoded_text {
  std::string utf8;     // always valid UTF-8; U+0000 is kept, as a browser's decoder keeps it
  std::string charset;  // canonical lower-case name, e.g. "utf-8", "shift_jis", "windows-1252"
  charset_source source = charset_source::fallback;
  // The canonical name the header or <meta> declared when the detector overruled it, else "".
  std::string declared;
  std::size_t replacements = 0;  // U+FFFD written for invalid input sequences
};

// `content_type` is the raw Content-Type header value, "" when absent. Never throws for any
// input bytes; throws std::runtime_error only if ICU itself fails (missing data, no memory).
decoded_text decode_to_utf8(std::string_view bytes, std::string_view content_type);

}  // namespace geocrawl
