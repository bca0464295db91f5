// A private scratch directory for one test fixture: config files, logs, pid files.
#pragma once

#include <filesystem>
#include <string>

namespace geocrawl::testing {

class temp_dir {
 public:
  // Creates a new directory (mode 0700) in the system temp directory. Throws std::system_error.
  temp_dir();
  // Removes the directory and everything in it; errors are ignored, as there is nobody to tell.
  ~temp_dir();

  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// A file a test wrote or had written, whole, as bytes; "" when it cannot be read.
std::string file_contents(const std::filesystem::path& file);

}  // namespace geocrawl::testing
