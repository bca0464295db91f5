#include "parsers/favicon_hash.hpp"

#include "parsers/murmur3.hpp"

namespace geocrawl {

namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// encodebytes encodes 57 bytes a line: 76 characters.
constexpr std::size_t bytes_per_line = 57;

void encode_line(std::string_view chunk, std::string& out) {
  std::size_t i = 0;
  for (; i + 3 <= chunk.size(); i += 3) {
    const auto triple = static_cast<std::uint32_t>(static_cast<unsigned char>(chunk[i])) << 16 |
                        static_cast<std::uint32_t>(static_cast<unsigned char>(chunk[i + 1])) << 8 |
                        static_cast<unsigned char>(chunk[i + 2]);
    out += alphabet[triple >> 18 & 63];
    out += alphabet[triple >> 12 & 63];
    out += alphabet[triple >> 6 & 63];
    out += alphabet[triple & 63];
  }
  const std::size_t left = chunk.size() - i;
  if (left > 0) {
    std::uint32_t rest = static_cast<std::uint32_t>(static_cast<unsigned char>(chunk[i])) << 16;
    if (left == 2)
      rest |= static_cast<std::uint32_t>(static_cast<unsigned char>(chunk[i + 1])) << 8;
    out += alphabet[rest >> 18 & 63];
    out += alphabet[rest >> 12 & 63];
    out += left == 2 ? alphabet[rest >> 6 & 63] : '=';
    out += '=';
  }
  out += '\n';
}

}  // namespace

std::string base64_lines(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + bytes.size() / bytes_per_line + 1);
  for (std::size_t at = 0; at < bytes.size(); at += bytes_per_line)
    encode_line(bytes.substr(at, bytes_per_line), out);
  return out;
}

std::int32_t favicon_hash(std::string_view icon_bytes) {
  // Two's complement, as Python's mmh3.hash reads the same 32 bits.
  return static_cast<std::int32_t>(murmur3_x86_32(base64_lines(icon_bytes)));
}

}  // namespace geocrawl
