#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace geocrawl {

enum class decode_state {
  more,           // consumed all input, wants more
  limit_reached,  // output hit max_output_bytes; the caller should stop reading the body
  done,           // the encoded stream(s) ended cleanly (a later gzip/zstd member may still follow)
  failed,         // corrupt or unsupported input, see error()
};

// Streaming HTTP Content-Encoding decoder with a hard cap on decoded bytes, because hostile sites
// send decompression bombs. Memory stays bounded by fixed-size steps, never by the compression
// ratio. limit_reached and failed are sticky: later calls return them again and do no work.
class content_decoder {
 public:
  // content_encoding is the raw header value: "", "identity", "gzip", "x-gzip", "deflate", "br",
  // "zstd", or a comma-separated list such as "gzip, br" (codings in the order they were applied).
  // Case-insensitive, whitespace tolerant. An unknown coding yields a decoder whose first feed()
  // fails with "unsupported content-encoding: <name>", so callers have a single error path.
  content_decoder(std::string_view content_encoding, std::size_t max_output_bytes);
  ~content_decoder();
  content_decoder(content_decoder&&) noexcept;
  content_decoder& operator=(content_decoder&&) noexcept;

  // Appends decoded bytes to out, cut exactly at max_output_bytes. Each intermediate stage of a
  // chain is capped at max_output_bytes too (a bomb inside a bomb).
  decode_state feed(std::string_view input, std::string& out);
  // Call at end of body: done, or failed when a compressed stream was cut short.
  decode_state finish(std::string& out);

  const std::string& error() const;
  std::size_t decoded_bytes() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl
