#include "parsers/charset/charset.hpp"

#include <string>
#include <utility>

#include "parsers/charset/byte_order_mark.hpp"
#include "parsers/charset/charset_decoders.hpp"
#include "parsers/charset/charset_detection.hpp"
#include "parsers/charset/utf8.hpp"

namespace geocrawl {
namespace {

using whatwg_encoding::encoding;
using whatwg_encoding::find_encoding;
using whatwg_encoding::iso_2022_jp;
using whatwg_encoding::utf_16be;
using whatwg_encoding::utf_16le;
using whatwg_encoding::utf_8;

decoded_text make_decoded(converted_text text, const encoding& used, charset_source source) {
  return decoded_text{std::move(text.utf8), std::string(used.name), source, "", text.replacements};
}

decoded_text decode_declared(std::string_view bytes, const encoding& declared,
                             charset_source source) {
  converted_text text = decode_as(bytes, declared);
  if (looks_mislabelled(bytes, declared, text)) {
    if (auto better = detector_reading(bytes, declared, text)) {
      auto overruled =
          make_decoded(std::move(better->text), *better->used, charset_source::detector);
      overruled.declared = declared.name;
      return overruled;
    }
  }
  return make_decoded(std::move(text), declared, source);
}

// Without a declaration UTF-8 is assumed and the detector may overrule it by the same rules as a
// declaration. The default is UTF-8 rather than a locale's legacy encoding because pages in this
// trade are mostly UTF-8, and the legacy ones mostly Japanese encodings the detector recognises.
decoded_text decode_undeclared(std::string_view bytes) {
  converted_text as_utf8 = decode_utf8(bytes);
  if (first_non_ascii(bytes) == bytes.size()) {
    if (detects_iso_2022_jp(bytes)) {
      return make_decoded(decode_as(bytes, iso_2022_jp), iso_2022_jp, charset_source::detector);
    }
    return make_decoded(std::move(as_utf8), utf_8, charset_source::fallback);
  }
  if (!looks_mislabelled(bytes, utf_8, as_utf8)) {
    return make_decoded(std::move(as_utf8), utf_8, charset_source::detector);
  }
  if (auto better = detector_reading(bytes, utf_8, as_utf8)) {
    return make_decoded(std::move(better->text), *better->used, charset_source::detector);
  }
  return make_decoded(std::move(as_utf8), utf_8, charset_source::fallback);
}

}  // namespace

std::string_view to_string(charset_source source) {
  switch (source) {
    case charset_source::bom:
      return "bom";
    case charset_source::http_header:
      return "header";
    case charset_source::meta:
      return "meta";
    case charset_source::detector:
      return "detector";
    case charset_source::fallback:
      return "default";
  }
  return "default";
}

decoded_text decode_to_utf8(std::string_view bytes, std::string_view content_type) {
  // A byte order mark outranks every declaration, as in browsers.
  struct bom {
    std::string_view bytes;
    const encoding& used;
  };
  for (const bom& mark :
       {bom{utf8_byte_order_mark, utf_8}, bom{"\xFE\xFF", utf_16be}, bom{"\xFF\xFE", utf_16le}}) {
    if (bytes.starts_with(mark.bytes)) {
      return make_decoded(decode_as(bytes.substr(mark.bytes.size()), mark.used), mark.used,
                          charset_source::bom);
    }
  }
  if (const auto label = charset_from_content_type(content_type)) {
    if (const encoding* e = find_encoding(*label)) {
      return decode_declared(bytes, *e, charset_source::http_header);
    }
  }
  if (const encoding* e = prescan_meta_encoding(bytes)) {
    return decode_declared(bytes, *e, charset_source::meta);
  }
  return decode_undeclared(bytes);
}

}  // namespace geocrawl
