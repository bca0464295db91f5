#pragma once
// Shodan's http.favicon.hash of an icon's bytes, so a favicon geocrawl saw can be searched for
// on Shodan (`http.favicon.hash:-1234`): MurmurHash3_x86_32, seed 0, read as a signed 32-bit
// number, of the icon's base64 as Python's base64.encodebytes writes it — a '\n' after every
// 76 characters and one at the end. Shodan's own recipe is mmh3.hash(encodebytes(bytes)), so
// the line breaks are part of what is hashed.
#include <cstdint>
#include <string>
#include <string_view>

namespace geocrawl {

// Standard base64 with padding, in lines of at most 76 characters, each ending in '\n'; ""
// for no bytes (as encodebytes(b"") is).
std::string base64_lines(std::string_view bytes);

std::int32_t favicon_hash(std::string_view icon_bytes);

}  // namespace geocrawl
