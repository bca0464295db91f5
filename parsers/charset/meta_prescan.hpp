#pragma once
// The encoding a page declares inside itself, in <meta charset>, <meta http-equiv> or an XML
// declaration. A browser finds it with a prescan of the raw bytes before it parses anything,
// since the answer decides how the page (the <meta> included) is decoded.
#include <optional>
#include <string>
#include <string_view>

#include "parsers/charset/charset_labels.hpp"

namespace geocrawl {

// The HTML Standard's "prescan a byte stream to determine its encoding" over the first 1024
// bytes, including its XML-declaration fallback. Returns a canonical name, already mapped as
// the standard says (a <meta> that declares UTF-16 yields "utf-8"); a declaration naming an
// encoding this module does not decode is skipped, as an unknown label would be.
std::optional<std::string> prescan_meta_charset(std::string_view bytes);

// The same, for the decoder, which goes on to decode with the encoding found: nullptr when
// the prescan finds none.
const whatwg_encoding::encoding* prescan_meta_encoding(std::string_view bytes);

}  // namespace geocrawl
