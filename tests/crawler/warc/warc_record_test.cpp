#include "crawler/warc/warc_record.hpp"

#include <doctest/doctest.h>

using namespace geocrawl;

namespace {

warc_record sample() {
  warc_record record;
  record.type = warc_record_type::resource;
  record.record_id = "<urn:uuid:00000000-0000-4000-8000-000000000000>";
  record.date = "2026-12-07T08:00:00.000Z";
  record.fields.emplace_back("WARC-Target-URI", "https://example.test/a?b=c");
  record.content_type = "text/plain";
  record.block = "hello";
  return record;
}

}  // namespace

TEST_CASE("a record is the version line, its fields, a blank line, the block and two CRLFs") {
  const std::string expected =
      "WARC/1.1\r\n"
      "WARC-Type: resource\r\n"
      "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\n"
      "WARC-Date: 2026-12-07T08:00:00.000Z\r\n"
      "WARC-Target-URI: https://example.test/a?b=c\r\n"
      "Content-Type: text/plain\r\n"
      "Content-Length: 5\r\n"
      "\r\n"
      "hello\r\n\r\n";
  CHECK(serialize(sample()) == expected);
}

TEST_CASE("Content-Length counts the block's bytes, NULs and CRLFs included") {
  auto record = sample();
  record.block = std::string("a\0b\r\n", 5);
  CHECK(serialize(record).find("Content-Length: 5\r\n") != std::string::npos);
}

TEST_CASE("a field value with CR or LF is refused, so a page cannot forge fields or records") {
  const std::string injections[] = {"https://x.test/\r\nWARC-Type: response",
                                    "https://x.test/\nX: y", std::string("a\0b", 3),
                                    "https://x.test/\r"};
  for (const auto& injected : injections) {
    auto record = sample();
    record.fields.front().second = injected;
    CHECK_THROWS_AS(serialize(record), warc_field_error);
  }
}

TEST_CASE("a field name that is not a token is refused") {
  auto record = sample();
  record.fields.emplace_back("Bad Name", "x");
  CHECK_THROWS_AS(serialize(record), warc_field_error);
}

TEST_CASE("untrusted text for a field line keeps its line: control characters become %XX") {
  CHECK(warc_field_text("a\r\nb\tc") == "a%0D%0Ab%09c");
  CHECK(warc_field_text("plain 100% text") == "plain 100% text");
}

TEST_CASE("record ids are version-4 UUIDs in angle brackets, different each time") {
  const auto id = new_record_id();
  REQUIRE(id.size() == std::string("<urn:uuid:>").size() + 36);
  CHECK(id.rfind("<urn:uuid:", 0) == 0);
  CHECK(id.back() == '>');
  CHECK(id[10 + 14] == '4');
  CHECK(std::string("89ab").find(id[10 + 19]) != std::string::npos);
  CHECK(new_record_id() != id);
}

TEST_CASE("each record type has its WARC word") {
  CHECK(to_string(warc_record_type::warcinfo) == "warcinfo");
  CHECK(to_string(warc_record_type::request) == "request");
  CHECK(to_string(warc_record_type::response) == "response");
  CHECK(to_string(warc_record_type::resource) == "resource");
  CHECK(to_string(warc_record_type::metadata) == "metadata");
}
