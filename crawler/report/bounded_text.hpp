#pragma once
// Untrusted strings can be any size (a 10 MB title is one request away); what a report shows
// of one is cut on a UTF-8 character boundary, never inside a character.
#include <cstddef>
#include <string_view>

namespace geocrawl {

// The longest start of `text` of at most `max_bytes` that ends on a character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// `offset` moved back to the first byte of the UTF-8 character it falls in.
std::size_t character_start(std::string_view text, std::size_t offset);

// `offset` moved forward past the continuation bytes of the character it falls in.
std::size_t character_end(std::string_view text, std::size_t offset);

}  // namespace geocrawl
