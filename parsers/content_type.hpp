#pragma once
// The charset a Content-Type header declares. Servers send quoted, repeated and comma-joined
// values, so this reads the header the way a browser does rather than by searching it for
// "charset=".
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

// The charset parameter of a Content-Type value as written (trimmed, unquoted), following
// the Fetch Standard's "extract a MIME type". Whether it names a known encoding is not checked.
std::optional<std::string> charset_from_content_type(std::string_view content_type);

}  // namespace geocrawl
