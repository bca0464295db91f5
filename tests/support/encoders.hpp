#pragma once
// Content-Encoding encoders for tests: bodies the origin serves and the decoder reads.
#include <string>
#include <string_view>

namespace geocrawl::testing {

// coding: "gzip", "deflate" (zlib-wrapped), "raw deflate", "br" or "zstd".
// Throws std::invalid_argument for any other name and std::runtime_error on failure.
std::string encode(std::string_view coding, std::string_view data);

// The Content-Encoding header value that announces encode(coding, ...).
std::string_view content_encoding_for(std::string_view coding);

}  // namespace geocrawl::testing
