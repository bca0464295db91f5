#include "parsers/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>

#include "parsers/byte_order_mark.hpp"

namespace geocrawl {
namespace {

using whatwg_encoding::encoding;
using whatwg_encoding::encodings;
using whatwg_encoding::find_encoding;
using whatwg_encoding::iso_2022_jp;
using whatwg_encoding::iso_8859_16;
using whatwg_encoding::named;
using whatwg_encoding::utf_16be;
using whatwg_encoding::utf_16le;
using whatwg_encoding::utf_8;
using whatwg_encoding::width;

constexpr auto npos = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// Decoding.

struct conversion {
  std::string utf8;
  std::size_t replacements = 0;
  std::size_t first_invalid = npos;  // input offset of the first invalid sequence
};

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

std::size_t first_non_ascii(std::string_view s) {
  return static_cast<std::size_t>(skip_ascii(bytes_begin(s), bytes_end(s)) - bytes_begin(s));
}

struct utf8_sequence {
  std::size_t length;
  bool valid;
};

// The sequence at `p`, whose first byte is not ASCII. An invalid sequence's length is its
// "maximal subpart": the bytes one U+FFFD stands for in the Encoding Standard's UTF-8 decoder
// (and in ICU's), so replacement counts match what a browser shows.
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

// The fast path: valid stretches are copied whole, without ICU.
conversion decode_utf8(std::string_view bytes) {
  conversion out;
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

// Whether `window` is UTF-8. When the window was cut from longer input a sequence it cuts
// short is not held against it.
bool reads_as_utf8(std::string_view window, bool cut_short) {
  const byte_ptr end = bytes_end(window);
  for (byte_ptr p = skip_ascii(bytes_begin(window), end); p < end;) {
    const auto sequence = read_utf8_sequence(p, end);
    if (!sequence.valid && !(cut_short && p + sequence.length == end)) return false;
    p = skip_ascii(p + sequence.length, end);
  }
  return true;
}

void append_utf8(std::string& out, char16_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Debian's ICU data leaves ISO-8859-16 out, so its upper half (0xA0-0xFF, the Encoding
// Standard's index-iso-8859-16) is here; 0x80-0x9F are the C1 controls in every ISO 8859 part.
constexpr std::array<char16_t, 96> iso_8859_16_upper = {
    0x00A0, 0x0104, 0x0105, 0x0141, 0x20AC, 0x201E, 0x0160, 0x00A7, 0x0161, 0x00A9, 0x0218, 0x00AB,
    0x0179, 0x00AD, 0x017A, 0x017B, 0x00B0, 0x00B1, 0x010C, 0x0142, 0x017D, 0x201D, 0x00B6, 0x00B7,
    0x017E, 0x010D, 0x0219, 0x00BB, 0x0152, 0x0153, 0x0178, 0x017C, 0x00C0, 0x00C1, 0x00C2, 0x0102,
    0x00C4, 0x0106, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
    0x0110, 0x0143, 0x00D2, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x015A, 0x0170, 0x00D9, 0x00DA, 0x00DB,
    0x00DC, 0x0118, 0x021A, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x0107, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x0111, 0x0144, 0x00F2, 0x00F3,
    0x00F4, 0x0151, 0x00F6, 0x015B, 0x0171, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0119, 0x021B, 0x00FF,
};

conversion decode_iso_8859_16(std::string_view bytes) {
  conversion out;
  out.utf8.reserve(bytes.size() + bytes.size() / 4);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    append_utf8(out.utf8, b < 0xA0 ? char16_t{b} : iso_8859_16_upper[b - 0xA0]);
  }
  return out;
}

struct converter_closer {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using converter_ptr = std::unique_ptr<UConverter, converter_closer>;

converter_ptr open_converter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  converter_ptr converter(ucnv_open(name, &status));
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU cannot open converter ") + name + ": " +
                             u_errorName(status));
  }
  return converter;
}

// Opening a converter costs more than converting a small page, so each thread keeps its own
// (a UConverter holds conversion state and must not be shared).
UConverter& thread_converter(const encoding& e) {
  thread_local std::array<converter_ptr, std::size(encodings)> cache;
  auto& slot = cache[static_cast<std::size_t>(&e - encodings)];
  if (!slot) slot = open_converter(e.converter);
  return *slot;
}

struct invalid_input_log {
  const char* begin;
  const char* end;
  std::size_t count = 0;
  std::size_t first_offset = npos;
};

// ICU's stock substitution writes U+001A, not U+FFFD, for one bad byte in converters whose
// substitution byte is 0x1A (Shift_JIS among them). This writes U+FFFD, as browsers do, and
// logs the damage. A cached converter keeps pointing at a finished call's log; the reasons
// that arrive outside a conversion (reset, close, clone) return before touching it.
void substitute_and_log(const void* context, UConverterToUnicodeArgs* args, const char*,
                        int32_t length, UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR) return;
  auto& log = *static_cast<invalid_input_log*>(const_cast<void*>(context));
  if (log.count++ == 0) {
    // ICU has consumed the bad bytes: they end at args->source.
    const auto consumed = std::clamp(args->source, log.begin, log.end) - log.begin;
    log.first_offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, consumed - length));
  }
  *status = U_ZERO_ERROR;
  static constexpr UChar replacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &replacement, 1, 0, status);
}

// Decoding to UTF-16 in cache-sized chunks and writing UTF-8 from each measured fastest on
// page-sized input (about 15% ahead of ucnv_convertEx to a UTF-8 converter, and of one
// body-sized UTF-16 buffer, which also costs twice the body in memory).
conversion decode_with_icu(std::string_view bytes, const encoding& e) {
  conversion out;
  if (bytes.empty()) return out;
  UConverter& converter = thread_converter(e);
  ucnv_reset(&converter);
  invalid_input_log log{bytes.data(), bytes.data() + bytes.size()};
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(&converter, substitute_and_log, &log, nullptr, nullptr, &status);

  out.utf8.reserve(bytes.size() + bytes.size() / 2);  // double-byte text: 2 bytes -> 3
  std::array<UChar, 8192> chunk;
  std::size_t carried = 0;  // a lead surrogate whose trail comes with the next chunk
  const char* input = bytes.data();
  do {
    status = U_ZERO_ERROR;
    UChar* chunk_end = chunk.data() + carried;
    ucnv_toUnicode(&converter, &chunk_end, chunk.data() + chunk.size(), &input,
                   bytes.data() + bytes.size(), nullptr, true, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) break;
    auto length = static_cast<int32_t>(chunk_end - chunk.data());
    carried = status == U_BUFFER_OVERFLOW_ERROR && U16_IS_LEAD(chunk[length - 1]) ? 1 : 0;
    length -= static_cast<int32_t>(carried);
    const auto written = out.utf8.size();
    out.utf8.resize(written + 3 * static_cast<std::size_t>(length));
    int32_t utf8_length = 0;
    UErrorCode write_status = U_ZERO_ERROR;
    // Every UTF-16 unit here came from the converter, so there is nothing to substitute; the
    // substituting variant is used so that a surprise could never yield invalid UTF-8.
    u_strToUTF8WithSub(out.utf8.data() + written, static_cast<int32_t>(3 * length), &utf8_length,
                       chunk.data(), length, 0xFFFD, nullptr, &write_status);
    out.utf8.resize(written + static_cast<std::size_t>(utf8_length));
    if (carried) chunk[0] = chunk[static_cast<std::size_t>(length)];
  } while (status == U_BUFFER_OVERFLOW_ERROR);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU conversion from ") + e.converter +
                             " failed: " + u_errorName(status));
  }
  out.replacements = log.count;
  out.first_invalid = log.first_offset;
  return out;
}

conversion decode_as(std::string_view bytes, const encoding& e) {
  if (&e == &utf_8) return decode_utf8(bytes);
  if (&e == &iso_8859_16) return decode_iso_8859_16(bytes);
  return decode_with_icu(bytes, e);
}

// ---------------------------------------------------------------------------------------------
// Detection, and when it overrules a declaration.

// How far a declaration is checked, and how far the UTF-8 check looks.
constexpr std::size_t scan_window = 64 * 1024;
// ICU's detector costs about 0.27 ms per KiB (it reads at most about 8000 bytes), more than
// parsing the whole page, and rates CJK text 100 from a few hundred bytes. So it gets a small
// sample that starts at the first non-ASCII byte (a page's head is ASCII markup that teaches
// it nothing), and is asked only when its answer could pass the rule in clearly_better.
constexpr std::size_t detector_sample = 4 * 1024;
// ICU rates real CJK text 100 and CJK read in the wrong CJK encoding near 0.
constexpr int confident = 60;

struct detection {
  const encoding* found;
  int confidence;  // 0-100, ICU's scale
};

struct detector_closer {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

UCharsetDetector& thread_detector() {
  thread_local const std::unique_ptr<UCharsetDetector, detector_closer> detector = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, detector_closer> opened(ucsdet_open(&status));
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU cannot open the charset detector: ") +
                               u_errorName(status));
    }
    ucsdet_enableInputFilter(opened.get(), true);  // judge the text, not the tags
    return opened;
  }();
  return *detector;
}

// ICU's best guess among the encodings decoded here.
std::optional<detection> run_icu_detector(std::string_view sample) {
  UCharsetDetector& detector = thread_detector();
  UErrorCode status = U_ZERO_ERROR;
  ucsdet_setText(&detector, sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(&detector, &count, &status);
  if (U_FAILURE(status)) return std::nullopt;  // ICU finds nothing in, e.g., an empty sample
  for (int32_t i = 0; i < count; ++i) {
    const encoding* e = find_encoding(ucsdet_getName(matches[i], &status));
    // UTF-16 comes only from a byte order mark or a declaration, as in browsers. ICU guesses it
    // from FF FE or FE FF at the start of the sample, which starts at the first non-ASCII byte:
    // two such bytes after a page's head would turn all of its text into garbage.
    if (e == &utf_16le || e == &utf_16be) continue;
    if (e) return detection{e, ucsdet_getConfidence(matches[i], &status)};
  }
  return std::nullopt;
}

// Text in a legacy CJK encoding is mostly characters of two bytes above 0x7F; Latin text in a
// single-byte encoding has an accented letter here and there between ASCII ones.
bool looks_double_byte(std::string_view window) {
  std::size_t high = 0;
  std::size_t paired = 0;
  for (std::size_t i = 0; i < window.size(); ++i) {
    if (static_cast<unsigned char>(window[i]) < 0x80) continue;
    if (i + 1 < window.size() && static_cast<unsigned char>(window[i + 1]) >= 0x80) {
      high += 2;
      paired += 2;
      ++i;
    } else {
      ++high;
    }
  }
  return paired * 2 >= high;
}

// Whether a legacy CJK encoding other than `assumed` reads the sample without an invalid
// sequence (short of a character the sample's end may cut). Cyrillic or Greek text, whose words
// end in a high byte before a space, fails this at once; a trial decode costs microseconds.
bool reads_cleanly_as_legacy_cjk(std::string_view sample, const encoding& assumed) {
  constexpr std::size_t longest_character = 4;  // gb18030
  for (const auto name : {"shift_jis", "euc-jp", "gb18030", "big5", "euc-kr"}) {
    const encoding& e = named(name);
    if (&e == &assumed) continue;
    const auto first_invalid = decode_with_icu(sample, e).first_invalid;
    if (first_invalid == npos || first_invalid + longest_character >= sample.size()) return true;
  }
  return false;
}

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool mostly_replaced(const conversion& text) {
  return text.replacements > 0 && text.replacements * 100 > count_code_points(text.utf8);
}

bool clean_in_window(const conversion& text) { return text.first_invalid >= scan_window; }

// Whether the bytes give reason to doubt the assumed encoding. UTF-8 is strict, so one invalid
// sequence is reason; legacy multi-byte encodings accept stray bytes more often, so it takes
// more than 1% of characters replaced; a single-byte encoding decodes nearly any byte, so its
// replacements prove nothing and any non-ASCII byte is worth a look.
bool looks_mislabelled(std::string_view bytes, const encoding& assumed, const conversion& text) {
  if (&assumed == &utf_8) return text.first_invalid < scan_window;
  if (assumed.kind == width::single_byte) return first_non_ascii(bytes) < bytes.size();
  return mostly_replaced(text);
}

// The rule for overruling. A multi-byte reading with fewer replacements than a multi-byte
// assumption wins. A single-byte reading decodes anything, so fewer replacements prove nothing:
// it wins only when the assumption replaced more than 1% of characters (a UTF-8 page with one
// stray Latin-1 byte stays UTF-8). A single-byte assumption is overruled only by a multi-byte
// reading ICU is confident of (or valid UTF-8) that has no invalid sequence in the window;
// two single-byte encodings are never traded, since both read the bytes without error and
// ICU's n-gram guesses between them are weak.
bool clearly_better(const encoding& assumed, const conversion& as_assumed, const detection& found,
                    const conversion& as_found) {
  if (assumed.kind == width::single_byte) {
    return found.found->kind == width::multi_byte && found.confidence >= confident &&
           clean_in_window(as_found);
  }
  if (found.found->kind == width::single_byte && !mostly_replaced(as_assumed)) return false;
  return as_found.replacements < as_assumed.replacements;
}

// Whether ICU's answer could pass clearly_better. When the assumption is badly broken any
// reading might; otherwise only a multi-byte reading without invalid sequences can, and Latin
// text with the odd accent, or text no legacy CJK encoding reads cleanly, has none.
bool worth_asking_icu(std::string_view window, const encoding& assumed,
                      const conversion& as_assumed) {
  if (assumed.kind == width::multi_byte && mostly_replaced(as_assumed)) return true;
  if (assumed.kind == width::single_byte && !looks_double_byte(window)) return false;
  return reads_cleanly_as_legacy_cjk(window.substr(0, detector_sample), assumed);
}

struct reading {
  const encoding* used;
  conversion text;
};

// The detector's reading of bytes whose assumed encoding looks wrong, when clearly better.
std::optional<reading> detector_reading(std::string_view bytes, const encoding& assumed,
                                        const conversion& as_assumed) {
  const auto first_high = first_non_ascii(bytes);
  const auto window = bytes.substr(first_high, scan_window);
  std::optional<detection> found;
  // Valid UTF-8 is the strongest evidence there is (legacy text almost never forms it), and
  // checking it costs next to nothing; ICU would rate it 100 as well.
  if (&assumed != &utf_8 && reads_as_utf8(window, first_high + window.size() < bytes.size())) {
    found = detection{&utf_8, 100};
  } else if (worth_asking_icu(window, assumed, as_assumed)) {
    found = run_icu_detector(window.substr(0, detector_sample));
  }
  if (!found || found->found == &assumed) return std::nullopt;
  conversion as_found = decode_as(bytes, *found->found);
  if (!clearly_better(assumed, as_assumed, *found, as_found)) return std::nullopt;
  return reading{found->found, std::move(as_found)};
}

decoded_text make_decoded(conversion text, const encoding& used, charset_source source) {
  return decoded_text{std::move(text.utf8), std::string(used.name), source, "", text.replacements};
}

decoded_text decode_declared(std::string_view bytes, const encoding& declared,
                             charset_source source) {
  conversion text = decode_as(bytes, declared);
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
  conversion as_utf8 = decode_utf8(bytes);
  if (first_non_ascii(bytes) == bytes.size()) {
    // ISO-2022-JP is the one 7-bit encoding here: escape sequences in otherwise ASCII bytes.
    if (const auto escape = bytes.find('\x1B'); escape != npos) {
      const auto found = run_icu_detector(bytes.substr(escape, detector_sample));
      if (found && found->found == &iso_2022_jp) {
        return make_decoded(decode_as(bytes, iso_2022_jp), iso_2022_jp, charset_source::detector);
      }
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
