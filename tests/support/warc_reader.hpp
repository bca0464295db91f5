// A WARC reader written from the WARC/1.1 text, apart from geocrawl's writer, so a test can
// read back what geocrawl wrote without trusting the writer's own code: each gzip member
// inflated alone, the version line, the fields, Content-Length, the block and its two CRLFs,
// the required fields, and both digests recomputed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace geocrawl::testing {

struct read_warc_record {
  std::uint64_t offset = 0;  // of its gzip member in the file
  std::vector<std::pair<std::string, std::string>> fields;
  std::string block;

  // The first value of the field, "" when absent.
  std::string field(const std::string& name) const;
  std::size_t count(const std::string& name) const;
};

struct read_warc_file {
  std::vector<read_warc_record> records;
  // Everything the reader found wrong, one sentence each; empty for a valid file.
  std::vector<std::string> problems;
};

read_warc_file read_warc(const std::filesystem::path& file);
read_warc_file read_warc_bytes(const std::string& bytes);

// The de-chunked entity of an HTTP message, decoded here independently of geocrawl's
// http_payload; "" without a header end.
std::string dechunked_entity(const std::string& message);

// "sha1:<base32>", computed here independently of geocrawl's writer.
std::string sha1_base32(const std::string& data);

}  // namespace geocrawl::testing
