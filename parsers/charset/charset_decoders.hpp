#pragma once
// Bytes in a known encoding to UTF-8, invalid sequences replaced by U+FFFD as browsers replace
// them: UTF-8 on its own fast path (parsers/utf8.hpp), ISO-8859-16 from a table, every other
// encoding through ICU's converters.
#include <string_view>

#include "parsers/charset/charset_labels.hpp"
#include "parsers/charset/converted_text.hpp"

namespace geocrawl {

// Throws std::runtime_error only if ICU itself fails (missing data, no memory).
converted_text decode_as(std::string_view bytes, const whatwg_encoding::encoding& e);

}  // namespace geocrawl
