#include "parsers/murmur3.hpp"

#include <bit>

namespace geocrawl {

namespace {

constexpr std::uint32_t c1 = 0xcc9e2d51;
constexpr std::uint32_t c2 = 0x1b873593;

std::uint32_t byte_at(std::string_view data, std::size_t i) {
  return static_cast<unsigned char>(data[i]);
}

// A block or the tail, scrambled before it is mixed into the state.
std::uint32_t scramble(std::uint32_t k) { return std::rotl(k * c1, 15) * c2; }

}  // namespace

std::uint32_t murmur3_x86_32(std::string_view data, std::uint32_t seed) noexcept {
  std::uint32_t h = seed;
  const std::size_t blocks = data.size() / 4;
  for (std::size_t i = 0; i < blocks; ++i) {
    // Blocks are read little-endian whatever the machine, as every published vector assumes.
    const std::size_t at = 4 * i;
    const std::uint32_t k = byte_at(data, at) | byte_at(data, at + 1) << 8 |
                            byte_at(data, at + 2) << 16 | byte_at(data, at + 3) << 24;
    h = std::rotl(h ^ scramble(k), 13) * 5 + 0xe6546b64;
  }
  const std::size_t tail = 4 * blocks;
  std::uint32_t k = 0;
  switch (data.size() & 3) {
    case 3:
      k ^= byte_at(data, tail + 2) << 16;
      [[fallthrough]];
    case 2:
      k ^= byte_at(data, tail + 1) << 8;
      [[fallthrough]];
    case 1:
      k ^= byte_at(data, tail);
      h ^= scramble(k);
      break;
    default:
      break;
  }
  // The length is mixed in modulo 2^32, as the reference's int len is.
  h ^= static_cast<std::uint32_t>(data.size());
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

}  // namespace geocrawl
