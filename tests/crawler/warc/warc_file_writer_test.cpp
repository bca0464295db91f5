#include "crawler/warc/warc_file_writer.hpp"

#include <csignal>
#include <fstream>

#include <sys/resource.h>

#include <doctest/doctest.h>

#include "tests/support/temp_dir.hpp"
#include "tests/support/warc_reader.hpp"

using namespace geocrawl;
using geocrawl::testing::read_warc;
using geocrawl::testing::temp_dir;

namespace {

warc_record resource(std::string block) {
  warc_record record;
  record.type = warc_record_type::resource;
  record.record_id = new_record_id();
  record.date = "2026-12-07T08:00:00.000Z";
  record.fields.emplace_back("WARC-Target-URI", "https://example.test/");
  record.block = std::move(block);
  return record;
}

}  // namespace

TEST_CASE("a file opens with its warcinfo, and every record names it") {
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-7", 1 << 30, "software: geocrawl\r\n"});
  const auto where = writer.append({resource("one"), resource("two")});
  CHECK(where.file == (folder.path() / "geocrawl-7-00001.warc.gz").string());
  const auto file = read_warc(folder.path() / where.file);
  CHECK(file.problems.empty());
  REQUIRE(file.records.size() == 3);
  CHECK(file.records[0].field("WARC-Type") == "warcinfo");
  CHECK(file.records[0].field("WARC-Filename") == "geocrawl-7-00001.warc.gz");
  CHECK(file.records[0].block == "software: geocrawl\r\n");
  CHECK(file.records[1].offset == where.offset);
  for (std::size_t i = 1; i < 3; ++i)
    CHECK(file.records[i].field("WARC-Warcinfo-ID") == file.records[0].field("WARC-Record-ID"));
  CHECK(file.records[2].block == "two");
}

TEST_CASE("a view's records that would take a file past its size begin the next file") {
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-3", 600, "software: geocrawl\r\n"});
  const auto first = writer.append({resource(std::string(200, 'a'))});
  const auto second = writer.append({resource(std::string(200, 'b'))});
  const auto third = writer.append({resource(std::string(200, 'c'))});
  CHECK(first.file == (folder.path() / "geocrawl-3-00001.warc.gz").string());
  CHECK(third.file != first.file);
  CHECK(third.file > second.file);
  for (const auto* where : {&first, &second, &third}) {
    const auto file = read_warc(folder.path() / where->file);
    CHECK(file.problems.empty());
    CHECK(file.records.front().field("WARC-Type") == "warcinfo");
    CHECK(std::filesystem::file_size(folder.path() / where->file) <= 600 + 0u);
  }
}

TEST_CASE("a view bigger than a file gets a file of its own, not an endless rotation") {
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-3", 100, "software: geocrawl\r\n"});
  const auto big = writer.append({resource(std::string(5000, 'z'))});
  const auto file = read_warc(folder.path() / big.file);
  CHECK(file.problems.empty());
  CHECK(file.records.size() == 2);
}

TEST_CASE("a new writer for the same run never writes over an earlier file") {
  temp_dir folder;
  std::string earlier;
  {
    warc_file_writer writer({folder.path(), "geocrawl-9", 1 << 30, "software: geocrawl\r\n"});
    earlier = writer.append({resource("before the resume")}).file;
  }
  const auto size_before = std::filesystem::file_size(folder.path() / earlier);
  warc_file_writer resumed({folder.path(), "geocrawl-9", 1 << 30, "software: geocrawl\r\n"});
  const auto later = resumed.append({resource("after the resume")});
  CHECK(later.file == (folder.path() / "geocrawl-9-00002.warc.gz").string());
  CHECK(std::filesystem::file_size(folder.path() / earlier) == size_before);
}

TEST_CASE("a folder that cannot be created is a write error that names it") {
  temp_dir folder;
  const auto blocker = folder.path() / "a-file";
  { std::ofstream(blocker) << "x"; }
  warc_file_writer writer({blocker / "warc", "geocrawl-1", 1 << 30, ""});
  CHECK_THROWS_AS(writer.append({resource("x")}), warc_write_error);
}

TEST_CASE("a write that fails is a write error, and the next append starts a new file") {
  // RLIMIT_FSIZE makes a write past the limit fail with EFBIG, as a full disk fails one with
  // ENOSPC; SIGXFSZ ignored so the failure is an error, not the end of the test program.
  temp_dir folder;
  warc_file_writer writer({folder.path(), "geocrawl-1", 1 << 30, "software: geocrawl\r\n"});
  std::string noise(200'000, '\0');
  std::uint32_t state = 12345;
  for (auto& byte : noise) {  // incompressible, so the member stays big
    state = state * 1664525u + 1013904223u;
    byte = static_cast<char>(state >> 24);
  }
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &before) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 64 * 1024;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string message;
  try {
    writer.append({resource(noise)});
  } catch (const warc_write_error& error) {
    message = error.what();
  }
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  CHECK(message.find("geocrawl-1-00001.warc.gz") != std::string::npos);
  const auto next = writer.append({resource("after the failure")});
  CHECK(next.file == (folder.path() / "geocrawl-1-00002.warc.gz").string());
  CHECK(read_warc(folder.path() / next.file).problems.empty());
}
