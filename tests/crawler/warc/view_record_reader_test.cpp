#include "crawler/warc/view_record_reader.hpp"

#include <doctest/doctest.h>

#include "crawler/warc/warc_file_writer.hpp"
#include "tests/support/temp_dir.hpp"

using namespace geocrawl;
using geocrawl::testing::temp_dir;

namespace {

warc_record record(warc_record_type type, std::string block) {
  warc_record made;
  made.type = type;
  made.record_id = new_record_id();
  made.date = "2026-12-07T08:00:00.000Z";
  made.fields.emplace_back("WARC-Target-URI", "https://shop.test/");
  made.block = std::move(block);
  return made;
}

}  // namespace

TEST_CASE("a view's records are read from its offset to its metadata and certificate chain") {
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-1", 1 << 30, ""});
  const auto first = writer.append({record(warc_record_type::request, "first request"),
                                    record(warc_record_type::response, "first response"),
                                    record(warc_record_type::metadata, "vantage: jp\r\n"),
                                    record(warc_record_type::resource, "PEM")});
  const auto second = writer.append({record(warc_record_type::request, "second request"),
                                     record(warc_record_type::metadata, "vantage: us\r\n")});
  const auto one = read_view_records(first.file, first.offset, 1 << 20);
  CHECK(one.starts_with("WARC/1.1\r\nWARC-Type: request\r\n"));
  CHECK(one.find("first response") != std::string::npos);
  CHECK(one.find("PEM") != std::string::npos);
  CHECK(one.find("second request") == std::string::npos);
  const auto two = read_view_records(second.file, second.offset, 1 << 20);
  CHECK(two.find("second request") != std::string::npos);
  CHECK(two.find("vantage: us") != std::string::npos);
  CHECK(two.find("first") == std::string::npos);
}

TEST_CASE("an offset that is no record, a missing file and the cap are errors") {
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-1", 1 << 30, ""});
  const auto where = writer.append({record(warc_record_type::metadata, std::string(5000, 'x'))});
  CHECK_THROWS_AS(read_view_records(where.file, where.offset + 3, 1 << 20), warc_read_error);
  CHECK_THROWS_AS(read_view_records(folder.path() / "gone.warc.gz", 0, 1 << 20), warc_read_error);
  CHECK_THROWS_AS(read_view_records(where.file, where.offset, 1000), warc_read_error);
}

TEST_CASE("a rendered view's conversion and screenshot are read with it, the next view is not") {
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-1", 1 << 30, ""});
  const auto first = writer.append({record(warc_record_type::request, "first request"),
                                    record(warc_record_type::response, "first response"),
                                    record(warc_record_type::metadata, "vantage: jp\r\n"),
                                    record(warc_record_type::resource, "PEM"),
                                    record(warc_record_type::conversion, "rendered DOM"),
                                    record(warc_record_type::resource, "PNG")});
  // A view that got no response begins with its metadata.
  writer.append({record(warc_record_type::metadata, "vantage: us\r\n")});
  const auto one = read_view_records(first.file, first.offset, 1 << 20);
  CHECK(one.find("WARC-Type: conversion\r\n") != std::string::npos);
  CHECK(one.find("rendered DOM") != std::string::npos);
  CHECK(one.find("PNG") != std::string::npos);
  CHECK(one.find("vantage: us") == std::string::npos);
}
