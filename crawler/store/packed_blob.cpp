#include "crawler/store/packed_blob.hpp"

#include <zstd.h>

namespace geocrawl {

packed_blob pack_blob(const std::string& bytes, int level) {
  std::string compressed(ZSTD_compressBound(bytes.size()), '\0');
  const auto size =
      ZSTD_compress(compressed.data(), compressed.size(), bytes.data(), bytes.size(), level);
  if (ZSTD_isError(size) || size >= bytes.size()) return {bytes, "none"};
  compressed.resize(size);
  return {std::move(compressed), "zstd"};
}

std::optional<std::string> unpack_blob(const std::string& data, std::string_view compression,
                                       unsigned long long max_bytes) {
  if (compression == "none") return data;
  if (compression != "zstd") return std::nullopt;
  const auto size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > max_bytes)
    return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  const auto written = ZSTD_decompress(bytes.data(), bytes.size(), data.data(), data.size());
  if (ZSTD_isError(written) || written != bytes.size()) return std::nullopt;
  return bytes;
}

}  // namespace geocrawl
