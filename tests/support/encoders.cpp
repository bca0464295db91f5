#include "tests/support/encoders.hpp"

#include <cstdint>
#include <stdexcept>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

namespace geocrawl::testing {

namespace {

// window_bits picks the wrapper: 16 + 15 gzip, 15 zlib, -15 raw deflate.
std::string deflate_with(std::string_view data, int window_bits) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

std::string brotli(std::string_view data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  std::size_t size = out.size();
  if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                             reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    throw std::runtime_error("BrotliEncoderCompress failed");
  }
  out.resize(size);
  return out;
}

std::string zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(size)) throw std::runtime_error(ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

}  // namespace

std::string encode(std::string_view coding, std::string_view data) {
  if (coding == "gzip") return deflate_with(data, 16 + 15);
  if (coding == "deflate") return deflate_with(data, 15);
  if (coding == "raw deflate") return deflate_with(data, -15);
  if (coding == "br") return brotli(data);
  if (coding == "zstd") return zstd(data);
  throw std::invalid_argument("no encoder for " + std::string(coding));
}

std::string_view content_encoding_for(std::string_view coding) {
  return coding == "raw deflate" ? "deflate" : coding;
}

}  // namespace geocrawl::testing
