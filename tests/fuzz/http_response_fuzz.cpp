// The HTTP response path as a hostile server drives it: status line and headers under the
// header limit, Content-Length, chunked and close-delimited bodies, content codings (gzip,
// deflate, br, zstd and chains of them) and the caps on wire and decoded bytes. The fuzz
// input is one control byte and then everything the server sends before it closes.
//
// Control byte: bits 0-1 pick how many bytes each read gets (all, 1, 7, 512), bits 2-3 the
// body cap, bits 4-5 the header cap.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <boost/url/parse.hpp>

#include "crawler/http/http_exchange.hpp"
#include "tests/fuzz/property_check.hpp"
#include "tests/support/scripted_peer.hpp"

namespace {

using geocrawl::testing::require;

constexpr std::size_t read_sizes[] = {std::numeric_limits<std::size_t>::max(), 1, 7, 512};
constexpr std::size_t body_caps[] = {64, 4096, 1 << 20, 5 << 20};
constexpr std::size_t header_caps[] = {256, 8192, 64 * 1024, 64 * 1024};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto control = data[0];
  geocrawl::fetch_limits limits;
  limits.max_body_bytes = body_caps[(control >> 2) & 3];
  limits.max_header_bytes = header_caps[(control >> 4) & 3];
  const std::string_view reply(reinterpret_cast<const char*>(data) + 1, size - 1);

  static const geocrawl::request_profile profile;
  static const auto url = boost::urls::parse_uri("http://shop.example/item?id=1").value();
  const geocrawl::hop_request request{.url = url, .profile = profile};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::hours(1);
  const auto run = geocrawl::testing::run_against_peer(
      [&](auto& stream) { return geocrawl::exchange(stream, request, limits, deadline); },
      {.reply = std::string(reply), .read_size = read_sizes[control & 3]});
  const auto& response = run.result;

  require(response.body.size() <= limits.max_body_bytes,
          "the decoded body stays within max_body_bytes");
  require(response.wire_bytes <= reply.size(),
          "no more body bytes are counted than the server sent");
  require(response.status == 0 || (response.status >= 200 && response.status <= 999),
          "a response's status is a final one: interim (1xx) responses are read past");
  require(response.status != 0 || response.error, "a response without a header is an error");
  return 0;
}
