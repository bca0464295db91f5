#pragma once
// Reading the values in DevTools replies that every driver of the browser needs: a string field
// that may be missing, and a screenshot's base64 PNG. A reply is the browser's word, and a
// browser running a hostile page is not trusted to send what the protocol says.
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace geocrawl {

// The field's string, or "" when it is missing or not a string.
std::string string_field(const boost::json::object& object, std::string_view key);

// The PNG bytes of Page.captureScreenshot's `data`; nullopt when it is not base64 of a PNG.
std::optional<std::string> decode_png(std::string_view base64_text);

}  // namespace geocrawl
