#pragma once
// A view's WARC records read back from where the store says they begin, for `show --warc`:
// the gzip members from that offset, inflated, up to the view's last record (its metadata, and
// the certificate chain, the rendered DOM and its screenshot when they follow). Bounded: a member
// and the whole read are capped.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace geocrawl {

class warc_read_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The view's records as they are in the file, uncompressed (WARC/1.1 text). Throws
// warc_read_error naming the file when it is missing, unreadable or not gzip at `offset`.
std::string read_view_records(const std::filesystem::path& file, std::uint64_t offset,
                              std::uint64_t max_bytes);

}  // namespace geocrawl
