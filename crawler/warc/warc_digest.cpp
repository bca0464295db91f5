#include "crawler/warc/warc_digest.hpp"
#include "parsers/ascii.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <openssl/sha.h>

namespace geocrawl {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 9112 section 6.1: chunked is the last transfer coding of the final response's
// Transfer-Encoding, which may be listed over several fields.
bool is_chunked(std::string_view header) {
  std::string_view last_coding;
  while (!header.empty()) {
    const auto end = header.find("\r\n");
    const auto line = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos ||
        !equals_ignoring_ascii_case(line.substr(0, colon), "transfer-encoding"))
      continue;
    auto codings = line.substr(colon + 1);
    const auto comma = codings.rfind(',');
    last_coding = trim(comma == std::string_view::npos ? codings : codings.substr(comma + 1));
  }
  return equals_ignoring_ascii_case(last_coding, "chunked");
}

// Each pass takes at least a size line, so the loop ends within message.size() passes.
std::string dechunk(std::string_view body) {
  std::string entity;
  while (!body.empty()) {
    const auto line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) break;  // cut inside a size line
    std::uint64_t size = 0;
    std::size_t digits = 0;
    for (const char c : body.substr(0, line_end)) {
      const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                        : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                        : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                                    : -1;
      if (value < 0 || digits == 15) break;  // an extension follows, or a size past any body
      size = size * 16 + static_cast<std::uint64_t>(value);
      ++digits;
    }
    if (digits == 0 || size == 0) break;  // malformed, or the last chunk: trailers follow
    body.remove_prefix(line_end + 2);
    const auto taken = static_cast<std::size_t>(std::min<std::uint64_t>(size, body.size()));
    entity.append(body.substr(0, taken));
    body.remove_prefix(taken);
    if (body.size() < 2) break;
    body.remove_prefix(2);  // the CRLF after the chunk's data
  }
  return entity;
}

}  // namespace

std::string warc_sha1_digest(std::string_view data) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  // 20 bytes are 160 bits, 32 base32 digits exactly: no padding.
  std::string out = "sha1:";
  std::uint64_t bits = 0;
  int pending = 0;
  for (const unsigned char byte : digest) {
    bits = (bits << 8) | byte;
    pending += 8;
    while (pending >= 5) {
      out += alphabet[(bits >> (pending - 5)) & 0x1f];
      pending -= 5;
    }
  }
  return out;
}

std::optional<std::string> http_payload(std::string_view message) {
  // Interim (1xx) responses received before the final one carry no entity; the exchange
  // allows at most 8 of them.
  auto header_end = message.find("\r\n\r\n");
  for (int interim = 0; interim <= 8 && header_end != std::string_view::npos &&
                        message.size() > 9 && message.substr(8, 2) == " 1";
       ++interim) {
    message.remove_prefix(header_end + 4);
    header_end = message.find("\r\n\r\n");
  }
  if (header_end == std::string_view::npos) return std::nullopt;
  const auto header = message.substr(0, header_end);
  const auto body = message.substr(header_end + 4);
  if (is_chunked(header)) return dechunk(body);
  return std::string(body);
}

}  // namespace geocrawl
