#include "crawler/store/packed_blob.hpp"

#include <string>

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("a blob is packed with zstd when that pays, and unpacked to the same bytes") {
  const std::string text(10000, 'x');
  const auto packed = pack_blob(text, 1);
  CHECK(packed.compression == "zstd");
  CHECK(packed.data.size() < text.size());
  CHECK(unpack_blob(packed.data, packed.compression, 1 << 20) == text);
  CHECK_FALSE(unpack_blob(packed.data, packed.compression, 100).has_value());  // too big
  const std::string tiny = "ab";
  CHECK(pack_blob(tiny, 1).compression == "none");
  CHECK(unpack_blob(pack_blob(tiny, 1).data, "none", 100) == tiny);
  CHECK_FALSE(unpack_blob("garbage", "zstd", 1 << 20).has_value());
  CHECK_FALSE(unpack_blob(packed.data, "gzip", 1 << 20).has_value());
}

}  // namespace geocrawl
