#include "tests/support/warc_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <openssl/evp.h>
#include <zlib.h>

namespace geocrawl::testing {

namespace {

bool iequals(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Inflates the gzip member at `offset`; returns the bytes and sets `next` past the member.
bool inflate_member(const std::string& bytes, std::size_t offset, std::string& out,
                    std::size_t& next) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return false;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + offset));
  stream.avail_in = static_cast<uInt>(bytes.size() - offset);
  char chunk[65536];
  int result = Z_OK;
  // Each pass makes progress or ends: zlib returns Z_BUF_ERROR when it cannot.
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
  }
  next = offset + stream.total_in;
  inflateEnd(&stream);
  return result == Z_STREAM_END;
}

std::string entity_of(const std::string& message) { return dechunked_entity(message); }

void check_record(const read_warc_record& record, std::vector<std::string>& problems) {
  const auto where = "record at " + std::to_string(record.offset) + ": ";
  for (const char* required : {"WARC-Record-ID", "WARC-Date", "WARC-Type", "Content-Length"}) {
    if (record.count(required) != 1)
      problems.push_back(where + required + " appears " + std::to_string(record.count(required)) +
                         " times");
  }
  const auto type = record.field("WARC-Type");
  if (type != "warcinfo" && record.count("WARC-Target-URI") != 1)
    problems.push_back(where + "a " + type + " record without one WARC-Target-URI");
  const auto target = record.field("WARC-Target-URI");
  if (!target.empty() && (target.front() == '<' || target.back() == '>'))
    problems.push_back(where + "WARC-Target-URI in angle brackets");
  const auto id = record.field("WARC-Record-ID");
  if (id.rfind("<urn:uuid:", 0) != 0 || id.back() != '>')
    problems.push_back(where + "WARC-Record-ID is not <urn:uuid:…>: " + id);
  if (const auto block_digest = record.field("WARC-Block-Digest");
      !block_digest.empty() && block_digest != sha1_base32(record.block))
    problems.push_back(where + "WARC-Block-Digest does not match the block");
  if (const auto payload_digest = record.field("WARC-Payload-Digest");
      !payload_digest.empty() && payload_digest != sha1_base32(entity_of(record.block)))
    problems.push_back(where + "WARC-Payload-Digest does not match the de-chunked entity");
}

}  // namespace

std::string read_warc_record::field(const std::string& name) const {
  for (const auto& [key, value] : fields)
    if (iequals(key, name)) return value;
  return "";
}

std::size_t read_warc_record::count(const std::string& name) const {
  return static_cast<std::size_t>(std::count_if(
      fields.begin(), fields.end(), [&](const auto& field) { return iequals(field.first, name); }));
}

std::string sha1_base32(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out = "sha1:";
  // 160 bits: 32 digits of 5 bits, read MSB first.
  for (unsigned bit = 0; bit < length * 8; bit += 5) {
    unsigned value = 0;
    for (unsigned i = 0; i < 5; ++i) {
      const unsigned b = bit + i;
      value = (value << 1) | ((digest[b / 8] >> (7 - b % 8)) & 1u);
    }
    out += alphabet[value];
  }
  return out;
}

std::string dechunked_entity(const std::string& message) {
  std::size_t start = 0;
  auto header_end = message.find("\r\n\r\n");
  // Interim 1xx responses come first.
  while (header_end != std::string::npos && message.compare(start + 8, 2, " 1") == 0) {
    start = header_end + 4;
    header_end = message.find("\r\n\r\n", start);
  }
  if (header_end == std::string::npos) return "";
  std::string header = message.substr(start, header_end - start);
  std::transform(header.begin(), header.end(), header.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string body = message.substr(header_end + 4);
  if (header.find("transfer-encoding: chunked") == std::string::npos) return body;
  std::string entity;
  std::size_t at = 0;
  while (at < body.size()) {
    const auto eol = body.find("\r\n", at);
    if (eol == std::string::npos) break;
    std::size_t size = 0;
    try {
      size = std::stoul(body.substr(at, eol - at), nullptr, 16);
    } catch (const std::exception&) {
      break;
    }
    if (size == 0) break;
    at = eol + 2;
    entity += body.substr(at, std::min(size, body.size() - at));
    at += size + 2;
  }
  return entity;
}

read_warc_file read_warc_bytes(const std::string& bytes) {
  read_warc_file result;
  std::size_t offset = 0;
  // Each member takes at least its 18-byte gzip header and trailer.
  while (offset < bytes.size()) {
    std::string text;
    std::size_t next = 0;
    if (!inflate_member(bytes, offset, text, next)) {
      result.problems.push_back("no whole gzip member at " + std::to_string(offset));
      break;
    }
    read_warc_record record;
    record.offset = offset;
    offset = next;
    // WARC/1.0 (as Debian's wget writes) is read too, so a test can compare, and noted.
    if (text.rfind("WARC/1.1\r\n", 0) != 0) {
      result.problems.push_back("record at " + std::to_string(record.offset) +
                                ": no WARC/1.1 version line");
      if (text.rfind("WARC/1.0\r\n", 0) != 0) continue;
    }
    std::size_t at = 10;
    for (;;) {
      const auto eol = text.find("\r\n", at);
      if (eol == std::string::npos) {
        result.problems.push_back("record at " + std::to_string(record.offset) +
                                  ": the header never ends");
        break;
      }
      if (eol == at) {
        at += 2;
        break;
      }
      const auto line = text.substr(at, eol - at);
      const auto colon = line.find(':');
      if (colon == std::string::npos) {
        result.problems.push_back("a field line without a colon: " + line);
      } else {
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        record.fields.emplace_back(line.substr(0, colon), value);
      }
      at = eol + 2;
    }
    const auto length =
        std::stoull(record.field("Content-Length").empty() ? "0" : record.field("Content-Length"));
    record.block = text.substr(at, length);
    if (text.size() != at + length + 4 || text.compare(at + length, 4, "\r\n\r\n") != 0)
      result.problems.push_back("record at " + std::to_string(record.offset) +
                                ": the block is not Content-Length bytes and two CRLFs");
    check_record(record, result.problems);
    result.records.push_back(std::move(record));
  }
  return result;
}

read_warc_file read_warc(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return read_warc_bytes(bytes.str());
}

}  // namespace geocrawl::testing
