#include "crawler/store/uuid_v4.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace geocrawl {

std::string uuid_v4() {
  // random_device reads the kernel's generator: two machines starting shards in the same
  // second must not draw the same label, which a time-seeded engine could.
  std::random_device device;
  std::array<std::uint8_t, 16> bytes{};
  for (auto& byte : bytes) byte = static_cast<std::uint8_t>(device() & 0xff);
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);  // the RFC variant
  constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += hex[bytes[i] >> 4];
    text += hex[bytes[i] & 0x0f];
  }
  return text;
}

}  // namespace geocrawl
