#pragma once
// The bounds every view is fetched under. Hostile sites drip, stall and inflate; each
// of these turns that into a recorded error or a truncated body instead of a hang.
#include <chrono>
#include <cstddef>

namespace geocrawl {

struct fetch_limits {
  std::chrono::milliseconds view_timeout{30'000};     // the whole view, every hop
  std::chrono::milliseconds connect_timeout{10'000};  // DNS and TCP connect of one hop
  std::chrono::milliseconds read_timeout{15'000};     // TLS handshake, each write and read
  std::size_t max_body_bytes = 5 * 1024 * 1024;       // decoded bytes kept, and wire bytes read
  std::size_t max_header_bytes = 64 * 1024;
  int max_redirects = 20;  // as Firefox and Scrapy; meta refreshes count too
  std::chrono::milliseconds max_refresh_delay{
      100'000};  // a longer refresh is not followed (Scrapy: 100 s)
  // A site's favicon is fetched under the limits above with this in place of max_body_bytes:
  // icons are a few KiB, and a larger one is cut there and recorded unhashed.
  std::size_t max_favicon_bytes = 256 * 1024;
};

}  // namespace geocrawl
