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

TEST_CASE("blobs packed one after another on one thread each unpack to their own bytes") {
  // The thread's compression context and output buffer are kept between blobs: a large blob
  // then smaller ones, at different levels, must not carry anything over.
  std::string large;
  for (int i = 0; large.size() < 300000; ++i) large += "<p>line " + std::to_string(i) + "</p>";
  const std::string small(5000, 'y');
  const std::string other = "<html>" + std::string(3000, 'z') + "</html>";
  const auto first = pack_blob(large, 3);
  const auto second = pack_blob(small, 1);
  const auto third = pack_blob(other, 3);
  CHECK(unpack_blob(first.data, first.compression, 1 << 20) == large);
  CHECK(unpack_blob(second.data, second.compression, 1 << 20) == small);
  CHECK(unpack_blob(third.data, third.compression, 1 << 20) == other);
  CHECK(pack_blob(large, 3).data == first.data);  // the same bytes pack the same way again
}

}  // namespace geocrawl
