#include "crawler/warc/view_record_reader.hpp"

#include <fstream>
#include <string_view>

#include <zlib.h>

namespace geocrawl {

namespace {

// The value of WARC-Type in a record's text.
std::string_view record_type(std::string_view record) {
  constexpr std::string_view field = "\r\nWARC-Type: ";
  const auto at = record.find(field);
  if (at == std::string_view::npos) return {};
  const auto start = at + field.size();
  return record.substr(start, record.find("\r\n", start) - start);
}

}  // namespace

std::string read_view_records(const std::filesystem::path& file, std::uint64_t offset,
                              std::uint64_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw warc_read_error("cannot open the WARC file " + file.string());
  in.seekg(static_cast<std::streamoff>(offset));
  z_stream stream{};
  // 15 + 16: gzip; each member is inflated by itself, then the stream is reset for the next.
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw warc_read_error("zlib cannot start");
  std::string records;
  std::string current;
  bool seen_metadata = false;
  char input[16384];
  char output[65536];
  bool at_member_start = true;
  std::string_view pending;
  // Each pass consumes input or produces output, or ends; the total is capped by max_bytes.
  for (;;) {
    if (pending.empty()) {
      in.read(input, sizeof input);
      const auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      pending = std::string_view(input, got);
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pending.data()));
    stream.avail_in = static_cast<uInt>(pending.size());
    stream.next_out = reinterpret_cast<Bytef*>(output);
    stream.avail_out = sizeof output;
    const int result = inflate(&stream, Z_NO_FLUSH);
    pending.remove_prefix(pending.size() - stream.avail_in);
    current.append(output, sizeof output - stream.avail_out);
    if (result != Z_OK && result != Z_STREAM_END) {
      inflateEnd(&stream);
      throw warc_read_error("no WARC record at offset " + std::to_string(offset) + " of " +
                            file.string());
    }
    at_member_start = false;
    if (records.size() + current.size() > max_bytes) {
      inflateEnd(&stream);
      throw warc_read_error("the view's WARC records pass " + std::to_string(max_bytes) +
                            " bytes in " + file.string());
    }
    if (result != Z_STREAM_END) continue;
    // A whole record: the view's end is its metadata and what follows it, the chain's resource
    // record and a rendered view's conversion and screenshot; the next view begins with a
    // request, or its metadata when it got no response (or a warcinfo in a new file).
    const auto type = record_type(current);
    if (seen_metadata && type != "resource" && type != "conversion") {
      current.clear();  // the next view's
      break;
    }
    if (type == "metadata") seen_metadata = true;
    records += current;
    current.clear();
    inflateReset(&stream);
    at_member_start = true;
  }
  inflateEnd(&stream);
  if (!at_member_start && !current.empty())
    throw warc_read_error("the WARC record at offset " + std::to_string(offset) + " of " +
                          file.string() + " is cut short");
  if (records.empty())
    throw warc_read_error("no WARC record at offset " + std::to_string(offset) + " of " +
                          file.string());
  return records;
}

}  // namespace geocrawl
