#include "crawler/store/packed_blob.hpp"

#include <memory>
#include <new>
#include <vector>

#include <zstd.h>

namespace geocrawl {

namespace {

struct context_freer {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

// What compression needs on this thread, kept between blobs: a fresh zstd context zeroes its
// tables every time (as many instructions as compressing a whole small page), and a fresh
// output string of the worst-case size is zeroed before zstd writes it.
struct compressor {
  std::unique_ptr<ZSTD_CCtx, context_freer> context{ZSTD_createCCtx()};
  std::vector<char> output;  // grown (and so zeroed) only for a larger blob than before
};

compressor& thread_compressor() {
  thread_local compressor kept;
  if (!kept.context) throw std::bad_alloc();
  return kept;
}

}  // namespace

packed_blob pack_blob(const std::string& bytes, int level) {
  auto& compress = thread_compressor();
  const std::size_t bound = ZSTD_compressBound(bytes.size());
  if (compress.output.size() < bound) compress.output.resize(bound);
  const auto size = ZSTD_compressCCtx(compress.context.get(), compress.output.data(), bound,
                                      bytes.data(), bytes.size(), level);
  if (ZSTD_isError(size) || size >= bytes.size()) return {bytes, "none"};
  return {std::string(compress.output.data(), size), "zstd"};
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
