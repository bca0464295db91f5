#pragma once
// Which charset a body is really in when its declaration, or the UTF-8 default, may be wrong:
// cheap checks of the bytes first, ICU's detector only when its answer could change the result.
// Rogue shops declare one charset and send another, so a declaration that plainly does not fit
// the bytes is checked against the detector, and loses only to a reading clearly better.
#include <optional>
#include <string_view>

#include "parsers/charset/charset_labels.hpp"
#include "parsers/charset/converted_text.hpp"

namespace geocrawl {

// Whether the bytes give reason to doubt `assumed`, which read them as `as_assumed`.
bool looks_mislabelled(std::string_view bytes, const whatwg_encoding::encoding& assumed,
                       const converted_text& as_assumed);

struct charset_reading {
  const whatwg_encoding::encoding* used;
  converted_text text;
};

// The detector's reading of bytes whose assumed encoding looks wrong, when clearly better.
std::optional<charset_reading> detector_reading(std::string_view bytes,
                                                const whatwg_encoding::encoding& assumed,
                                                const converted_text& as_assumed);

// Whether bytes that are all ASCII are ISO-2022-JP, the one 7-bit encoding decoded here: escape
// sequences in otherwise ASCII bytes.
bool detects_iso_2022_jp(std::string_view ascii_bytes);

}  // namespace geocrawl
