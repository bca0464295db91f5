#include "crawler/warc/warc_file_writer.hpp"

#include <cerrno>
#include <cstring>

#include "crawler/view/timestamp.hpp"
#include "crawler/warc/gzip_member.hpp"
#include "crawler/warc/warc_digest.hpp"

namespace geocrawl {

namespace {

// A folder of a run's files has a few thousand at most; past this something else is wrong.
constexpr int max_sequence = 999'999;

std::string file_name(const std::string& stem, int sequence) {
  char number[32];
  std::snprintf(number, sizeof number, "-%05d.warc.gz", sequence);
  return stem + number;
}

}  // namespace

warc_file_writer::warc_file_writer(warc_files files) : files_(std::move(files)) {}

warc_file_writer::~warc_file_writer() = default;

void warc_file_writer::open_next_file() {
  file_.reset();
  std::error_code ec;
  std::filesystem::create_directories(files_.folder, ec);
  if (ec)
    throw warc_write_error("cannot create the WARC folder " + files_.folder.string() + ": " +
                           ec.message());
  // "x": the file must be new, so a resumed run never writes over an earlier file.
  for (++sequence_; sequence_ <= max_sequence; ++sequence_) {
    file_name_ = file_name(files_.stem, sequence_);
    const auto path = files_.folder / file_name_;
    file_.reset(std::fopen(path.c_str(), "wbx"));
    if (file_) break;
    if (errno != EEXIST)
      throw warc_write_error("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  if (!file_)
    throw warc_write_error("no free WARC file name for " + files_.stem + " in " +
                           files_.folder.string());
  file_bytes_ = 0;
  warc_record info;
  info.type = warc_record_type::warcinfo;
  info.record_id = new_record_id();
  info.date = utc_timestamp();
  info.fields.emplace_back("WARC-Filename", file_name_);
  info.fields.emplace_back("WARC-Block-Digest", warc_sha1_digest(files_.warcinfo));
  info.content_type = "application/warc-fields";
  info.block = files_.warcinfo;
  warcinfo_id_ = info.record_id;
  write(gzip_member(serialize(info)));
  warcinfo_bytes_ = file_bytes_;
}

void warc_file_writer::write(const std::string& bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size() ||
      std::fflush(file_.get()) != 0) {
    const std::string why = std::strerror(errno);
    // The file may end in a partial member now: nothing more goes into it.
    file_.reset();
    throw warc_write_error("cannot write " + (files_.folder / file_name_).string() + ": " + why);
  }
  file_bytes_ += bytes.size();
}

warc_location warc_file_writer::append(std::vector<warc_record> records) {
  std::vector<std::string> members;
  std::uint64_t total = 0;
  for (auto& record : records) {
    // Filled in below when the file is known; a placeholder keeps the field's place.
    record.fields.insert(record.fields.begin(), {"WARC-Warcinfo-ID", ""});
  }
  // A view's records go to one file: a new file is begun when they would take this one past
  // its size, unless it holds nothing but its warcinfo (a view bigger than a file).
  auto serialize_all = [&] {
    members.clear();
    total = 0;
    for (auto& record : records) {
      record.fields.front().second = warcinfo_id_;
      members.push_back(gzip_member(serialize(record)));
      total += members.back().size();
    }
  };
  if (!file_) open_next_file();
  serialize_all();
  if (file_bytes_ + total > files_.max_bytes && file_bytes_ > warcinfo_bytes_) {
    open_next_file();
    serialize_all();
  }
  warc_location where{(files_.folder / file_name_).string(), file_bytes_};
  for (const auto& member : members) write(member);
  return where;
}

}  // namespace geocrawl
