// A fetched body through the whole analysis: charset detection and conversion to UTF-8,
// HTML extraction with gumbo, normalisation and lexicon matching. The first byte, read as a
// digit, picks the Content-Type the body came with ('9': the body's first line is the raw
// header value); the rest is the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <unicode/ustring.h>

#include "parsers/page_analysis.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "tests/fuzz/property_check.hpp"

namespace {

using geocrawl::testing::require;

constexpr std::string_view content_types[] = {
    "",
    "text/html",
    "text/html; charset=Shift_JIS",
    "text/html; charset=EUC-JP",
    "text/html; charset=utf-8",
    "text/plain",
    "application/xhtml+xml",
    "text/html; charset=ISO-2022-JP",
    "text/html; charset=UTF-16LE",
};

// ICU's converter as the judge, not a loop like the ones under test.
bool is_valid_utf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t utf16_length = 0;
  u_strFromUTF8(nullptr, 0, &utf16_length, text.data(), static_cast<std::int32_t>(text.size()),
                &status);
  return status != U_INVALID_CHAR_FOUND;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Building the matcher takes a moment; it is read-only afterwards, as in the crawler.
  static const geocrawl::page_analyzer analyzer(geocrawl::load_shipped_lexicon());
  if (size == 0) return 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto choice = static_cast<unsigned char>(data[0] - '0') % (std::size(content_types) + 1);
  std::string_view content_type;
  if (choice < std::size(content_types)) {
    content_type = content_types[choice];
  } else {
    const auto line_end = body.find('\n');
    content_type = body.substr(0, line_end);
    body.remove_prefix(line_end == std::string_view::npos ? body.size() : line_end + 1);
  }

  const auto analysis = analyzer.analyze(body, content_type, "https://shop.example/item/1");
  require(!analysis.charset.empty(), "a body is always decoded as some charset");
  const auto& page = analysis.page;
  require(is_valid_utf8(page.title) && is_valid_utf8(page.text) &&
              is_valid_utf8(page.meta_description) && is_valid_utf8(page.lang),
          "the extracted text is valid UTF-8");
  for (const auto& alt : page.image_alts)
    require(is_valid_utf8(alt), "image alt text is valid UTF-8");
  for (const auto& hit : analysis.found.drugs)
    require(hit.count > 0, "a drug hit counts at least once");
  return 0;
}
