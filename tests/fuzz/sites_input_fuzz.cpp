// Sites files as people write and export them: one URL or bare domain a line, or a CSV
// with a url column and label columns. The first byte picks the format (even: text, odd:
// CSV); the rest is the file.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <variant>

#include "crawler/batch/sites_input.hpp"
#include "tests/fuzz/property_check.hpp"

namespace {

using geocrawl::testing::require;

bool is_fetchable(const std::string& url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto format = (data[0] & 1) ? geocrawl::sites_format::csv : geocrawl::sites_format::text;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  try {
    geocrawl::sites_reader reader(in, format);
    std::size_t last_line = 0;
    // Every entry or error takes at least one byte of the file, so this is never the bound.
    for (std::size_t i = 0; i <= size; ++i) {
      const auto result = reader.next();
      if (!result) return 0;
      const auto line = std::visit([](const auto& r) { return r.line; }, *result);
      require(line > last_line, "each entry or error is on a later line than the one before");
      last_line = line;
      if (const auto* entry = std::get_if<geocrawl::site_entry>(&*result)) {
        require(is_fetchable(entry->url), "an entry is an http(s) URL");
        require(entry->fallback_url.empty() || entry->fallback_url.starts_with("http://"),
                "a fallback is the http:// URL");
      } else {
        require(!std::get<geocrawl::site_line_error>(*result).message.empty(),
                "a line error says what is wrong");
      }
    }
    require(false, "the reader reaches the end of the file");
  } catch (const geocrawl::sites_input_error&) {
    // A CSV header without a url column: the whole file is refused, as documented.
  }
  return 0;
}
