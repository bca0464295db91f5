#include "crawler/cli/staged_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace geocrawl {

namespace {

// Hidden and named for its process, so two exports to the same target do not share one.
std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  const auto name =
      "." + target.filename().string() + "." + std::to_string(::getpid()) + ".partial";
  return target.parent_path() / name;
}

}  // namespace

staged_file::staged_file(std::filesystem::path target)
    : target_(std::move(target)), temporary_(temporary_beside(target_)) {
  errno = 0;
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    throw std::system_error(errno != 0 ? errno : EIO, std::generic_category(),
                            "cannot create " + temporary_.string());
  }
}

staged_file::~staged_file() {
  if (committed_) return;
  stream_.close();
  std::error_code ignored;  // nobody to tell: the export already failed
  std::filesystem::remove(temporary_, ignored);
}

void staged_file::commit() {
  stream_.close();
  if (!stream_)
    throw std::system_error(EIO, std::generic_category(), "cannot write " + temporary_.string());
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error)
    throw std::system_error(error,
                            "cannot rename " + temporary_.string() + " to " + target_.string());
  committed_ = true;
}

}  // namespace geocrawl
