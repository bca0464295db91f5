#include "crawler/browser/devtools_values.hpp"

#include <boost/beast/core/detail/base64.hpp>

namespace geocrawl {
namespace {

constexpr std::string_view png_signature = "\x89PNG\r\n\x1a\n";

}  // namespace

std::string string_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::optional<std::string> decode_png(std::string_view base64_text) {
  namespace base64 = boost::beast::detail::base64;
  // Beast stops at the padding and does not count it as read; a shorter read is a bad byte.
  const auto unpadded = base64_text.substr(0, base64_text.find_last_not_of('=') + 1);
  // decoded_size rounds down for an unpadded length: size the output by the padded text.
  std::string png(base64::decoded_size(base64_text.size() + 3), '\0');
  const auto [written, read] = base64::decode(png.data(), unpadded.data(), unpadded.size());
  if (read != unpadded.size()) return std::nullopt;
  png.resize(written);
  if (!png.starts_with(png_signature)) return std::nullopt;
  return png;
}

}  // namespace geocrawl
