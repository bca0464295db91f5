#include "parsers/charset/charset_detection.hpp"

#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "parsers/charset/charset_decoders.hpp"
#include "parsers/charset/utf8.hpp"

namespace geocrawl {
namespace {

using whatwg_encoding::encoding;
using whatwg_encoding::find_encoding;
using whatwg_encoding::iso_2022_jp;
using whatwg_encoding::named;
using whatwg_encoding::utf_16be;
using whatwg_encoding::utf_16le;
using whatwg_encoding::utf_8;
using whatwg_encoding::width;

constexpr auto npos = std::string_view::npos;

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
    const auto first_invalid = decode_as(sample, e).first_invalid;
    if (first_invalid == npos || first_invalid + longest_character >= sample.size()) return true;
  }
  return false;
}

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool mostly_replaced(const converted_text& text) {
  return text.replacements > 0 && text.replacements * 100 > count_code_points(text.utf8);
}

bool clean_in_window(const converted_text& text) { return text.first_invalid >= scan_window; }

// The rule for overruling. A multi-byte reading with fewer replacements than a multi-byte
// assumption wins. A single-byte reading decodes anything, so fewer replacements prove nothing:
// it wins only when the assumption replaced more than 1% of characters (a UTF-8 page with one
// stray Latin-1 byte stays UTF-8). A single-byte assumption is overruled only by a multi-byte
// reading ICU is confident of (or valid UTF-8) that has no invalid sequence in the window;
// two single-byte encodings are never traded, since both read the bytes without error and
// ICU's n-gram guesses between them are weak.
bool clearly_better(const encoding& assumed, const converted_text& as_assumed,
                    const detection& found, const converted_text& as_found) {
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
                      const converted_text& as_assumed) {
  if (assumed.kind == width::multi_byte && mostly_replaced(as_assumed)) return true;
  if (assumed.kind == width::single_byte && !looks_double_byte(window)) return false;
  return reads_cleanly_as_legacy_cjk(window.substr(0, detector_sample), assumed);
}

}  // namespace

// Whether the bytes give reason to doubt the assumed encoding. UTF-8 is strict, so one invalid
// sequence is reason; legacy multi-byte encodings accept stray bytes more often, so it takes
// more than 1% of characters replaced; a single-byte encoding decodes nearly any byte, so its
// replacements prove nothing and any non-ASCII byte is worth a look.
bool looks_mislabelled(std::string_view bytes, const encoding& assumed,
                       const converted_text& text) {
  if (&assumed == &utf_8) return text.first_invalid < scan_window;
  if (assumed.kind == width::single_byte) return first_non_ascii(bytes) < bytes.size();
  return mostly_replaced(text);
}

std::optional<charset_reading> detector_reading(std::string_view bytes, const encoding& assumed,
                                                const converted_text& as_assumed) {
  const auto first_high = first_non_ascii(bytes);
  const auto window = bytes.substr(first_high, scan_window);
  std::optional<detection> found;
  // Valid UTF-8 is the strongest evidence there is (legacy text almost never forms it), and
  // checking it costs next to nothing; ICU would rate it 100 as well.
  const auto ending =
      first_high + window.size() < bytes.size() ? window_end::cut_short : window_end::input_end;
  if (&assumed != &utf_8 && reads_as_utf8(window, ending)) {
    found = detection{&utf_8, 100};
  } else if (worth_asking_icu(window, assumed, as_assumed)) {
    found = run_icu_detector(window.substr(0, detector_sample));
  }
  if (!found || found->found == &assumed) return std::nullopt;
  converted_text as_found = decode_as(bytes, *found->found);
  if (!clearly_better(assumed, as_assumed, *found, as_found)) return std::nullopt;
  return charset_reading{found->found, std::move(as_found)};
}

bool detects_iso_2022_jp(std::string_view ascii_bytes) {
  const auto escape = ascii_bytes.find('\x1B');
  if (escape == npos) return false;
  const auto found = run_icu_detector(ascii_bytes.substr(escape, detector_sample));
  return found && found->found == &iso_2022_jp;
}

}  // namespace geocrawl
