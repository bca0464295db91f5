#include "crawler/warc/gzip_member.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

using namespace geocrawl;

namespace {

// Inflates one member, as a reader seeking to a record's offset does.
std::string gunzip(const std::string& member, std::size_t& used) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(member.data()));
  stream.avail_in = static_cast<uInt>(member.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  used = stream.total_in;
  inflateEnd(&stream);
  return out;
}

}  // namespace

TEST_CASE("a member is a whole gzip stream of its data, and members concatenate") {
  const auto first = gzip_member("first record");
  const auto second = gzip_member(std::string(100'000, 'x'));
  CHECK(static_cast<unsigned char>(first[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(first[1]) == 0x8b);
  const auto both = first + second;
  std::size_t used = 0;
  CHECK(gunzip(both, used) == "first record");
  CHECK(used == first.size());
  CHECK(gunzip(both.substr(used), used) == std::string(100'000, 'x'));
}
