#include "parsers/murmur3.hpp"

#include <doctest/doctest.h>

#include <string>

namespace geocrawl {

// The published vectors of MurmurHash3_x86_32 (SMHasher's and the mmh3 package's tests): every
// tail length (0 to 3 bytes after the blocks), seeds with the top bit set, a NUL block.
TEST_CASE("murmur3_x86_32 gives the published test vectors") {
  CHECK(murmur3_x86_32("", 0) == 0);
  CHECK(murmur3_x86_32("", 1) == 0x514E28B7u);
  CHECK(murmur3_x86_32("", 0xffffffffu) == 0x81F16F39u);
  CHECK(murmur3_x86_32("hello", 0) == 0x248BFA47u);
  CHECK(murmur3_x86_32("The quick brown fox jumps over the lazy dog", 0) == 0x2E4FF723u);
  CHECK(murmur3_x86_32(std::string(4, '\0'), 0) == 0x2362F9DEu);
  CHECK(murmur3_x86_32("aaaa", 0x9747b28c) == 0x5A97808Au);
  CHECK(murmur3_x86_32("Hello, world!", 0x9747b28c) == 0x24884CBAu);
}

TEST_CASE("murmur3_x86_32 reads bytes above 0x7f as unsigned") {
  // A signed char read would sign-extend 0xff into the higher bytes of the block and the tail.
  CHECK(murmur3_x86_32("\xff\xff\xff\xff\xff", 0) != murmur3_x86_32("\x7f\xff\xff\xff\xff", 0));
  CHECK(murmur3_x86_32("\xff", 0) != murmur3_x86_32("\x7f", 0));
}

}  // namespace geocrawl
