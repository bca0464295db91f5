#include "crawler/warc/warc_record.hpp"

#include <array>
#include <cstdio>

#include <openssl/rand.h>

namespace geocrawl {

namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// WARC/1.1 section 4: a field name is an RFC 2616 token.
bool is_token(std::string_view name) {
  static constexpr std::string_view separators = "()<>@,;:\\\"/[]?={} \t";
  if (name.empty()) return false;
  for (const unsigned char c : name) {
    if (is_control(c) || c > 0x7e || separators.find(static_cast<char>(c)) != separators.npos)
      return false;
  }
  return true;
}

void put_field(std::string& out, std::string_view name, std::string_view value) {
  if (!is_token(name))
    throw warc_field_error("the WARC field name '" + warc_field_text(name) + "' is not a token");
  for (const unsigned char c : value) {
    if (is_control(c))
      throw warc_field_error("the WARC field " + std::string(name) +
                             " holds a control character: " + warc_field_text(value));
  }
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string_view to_string(warc_record_type type) noexcept {
  switch (type) {
    case warc_record_type::warcinfo:
      return "warcinfo";
    case warc_record_type::request:
      return "request";
    case warc_record_type::response:
      return "response";
    case warc_record_type::resource:
      return "resource";
    case warc_record_type::metadata:
      return "metadata";
    case warc_record_type::conversion:
      return "conversion";
  }
  return "resource";
}

std::string new_record_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no random bytes for a WARC record id");
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string id = "<urn:uuid:";
  char hex[3];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id += '-';
    std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
    id += hex;
  }
  return id + ">";
}

std::string serialize(const warc_record& record) {
  std::string out = "WARC/1.1\r\n";
  put_field(out, "WARC-Type", to_string(record.type));
  put_field(out, "WARC-Record-ID", record.record_id);
  put_field(out, "WARC-Date", record.date);
  for (const auto& [name, value] : record.fields) put_field(out, name, value);
  if (!record.content_type.empty()) put_field(out, "Content-Type", record.content_type);
  put_field(out, "Content-Length", std::to_string(record.block.size()));
  out += "\r\n";
  out += record.block;
  out += "\r\n\r\n";
  return out;
}

std::string warc_field_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escaped[4];
  for (const char c : text) {
    if (is_control(static_cast<unsigned char>(c))) {
      std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace geocrawl
