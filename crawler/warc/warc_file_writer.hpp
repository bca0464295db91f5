#pragma once
// The WARC files of one run: `<stem>-<sequence>.warc.gz` in the output folder, each
// opening with its warcinfo record, a new one begun when the next view would take the current
// one past its size. A file is never reopened: a resumed run, or a writer after a failure,
// starts at the next free sequence number, so what an earlier writer left stays as it was.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "crawler/warc/warc_record.hpp"

namespace geocrawl {

// Writing failed (a full disk, a folder that is gone): the message names the file.
class warc_write_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where and how a command's WARC files are written.
struct warc_files {
  std::filesystem::path folder;
  std::string stem;  // "geocrawl-<run id>"; the files are <stem>-00001.warc.gz, …
  std::uint64_t max_bytes = 1'000'000'000;
  std::string warcinfo;  // each file's warcinfo block (application/warc-fields)
};

// Where a view's records begin: its file (the folder joined with the file's name) and the
// byte offset of its first gzip member.
struct warc_location {
  std::string file;
  std::uint64_t offset = 0;
};

class warc_file_writer {
 public:
  // Nothing is created until the first append.
  explicit warc_file_writer(warc_files files);
  ~warc_file_writer();
  warc_file_writer(const warc_file_writer&) = delete;
  warc_file_writer& operator=(const warc_file_writer&) = delete;

  // Writes the records together, in one file, each its own gzip member; each gets
  // WARC-Warcinfo-ID. Throws warc_write_error, or warc_field_error before any record of
  // the view is written.
  warc_location append(std::vector<warc_record> records);

 private:
  void open_next_file();
  void write(const std::string& bytes);

  warc_files files_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::string file_name_;
  std::string warcinfo_id_;
  std::uint64_t file_bytes_ = 0;
  std::uint64_t warcinfo_bytes_ = 0;
  int sequence_ = 0;
};

}  // namespace geocrawl
