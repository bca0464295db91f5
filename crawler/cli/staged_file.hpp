#pragma once
// A file that appears whole or not at all: written under a temporary name beside the target
// and renamed over it on commit(). Rename within a directory is atomic, so a reader of the
// target sees the old file or the new one, and a failed export leaves no half file behind.
#include <filesystem>
#include <fstream>
#include <ostream>

namespace geocrawl {

class staged_file {
 public:
  // Creates the temporary file. Throws std::system_error when it cannot be created (no such
  // directory, no permission).
  explicit staged_file(std::filesystem::path target);
  // Removes the temporary file unless committed.
  ~staged_file();
  staged_file(const staged_file&) = delete;
  staged_file& operator=(const staged_file&) = delete;

  std::ostream& stream() { return stream_; }

  // Closes the temporary file and renames it to the target. Throws std::system_error when
  // writing failed (a full disk) or the rename does.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace geocrawl
