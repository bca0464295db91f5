#pragma once
// Blobs the store keeps (bodies, analyses) are zstd compressed when that pays, and say so
// in their `compression` column.
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {

struct packed_blob {
  std::string data;
  std::string_view compression;  // "zstd" or "none"
};

// Compressed at `level` unless that does not make it smaller (images, compressed data).
packed_blob pack_blob(const std::string& bytes, int level);

// nullopt for data that does not decompress to at most `max_bytes`, or an unknown
// compression.
std::optional<std::string> unpack_blob(const std::string& data, std::string_view compression,
                                       unsigned long long max_bytes);

}  // namespace geocrawl
