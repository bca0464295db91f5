#pragma once
// MurmurHash3_x86_32 (Austin Appleby's public-domain reference, written again here): the 32-bit
// hash Shodan's http.favicon.hash is made of, so geocrawl's favicon identifier equals the one an
// analyst can search Shodan for. Not a cryptographic hash: an identity agreed with others.
#include <cstdint>
#include <string_view>

namespace geocrawl {

std::uint32_t murmur3_x86_32(std::string_view data, std::uint32_t seed = 0) noexcept;

}  // namespace geocrawl
