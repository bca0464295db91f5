#pragma once
// The headers that make a request look like a browser's. One type, so a vantage can
// change any of them (a Googlebot user agent, a ja-JP Accept-Language, a Google referer).
#include <string>

namespace geocrawl {

struct request_profile {
  std::string user_agent =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/131.0.0.0 Safari/537.36";
  std::string accept =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
  std::string accept_language = "en-US,en;q=0.9";
  // Every coding here must be one content_decoder understands.
  std::string accept_encoding = "gzip, deflate, br, zstd";
  std::string referer;  // sent on every hop of the view when set, as a browser keeps it
};

}  // namespace geocrawl
