#include "crawler/report/whole_file.hpp"

#include <cerrno>
#include <fstream>
#include <system_error>

namespace geocrawl {

void write_whole_file(const std::filesystem::path& file, std::string_view contents) {
  auto partial = file;
  partial += ".partial";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) {
    // The stream keeps no error of its own; errno still holds the last call's (ENOSPC...).
    const auto cause = errno ? errno : EIO;
    throw std::filesystem::filesystem_error("cannot write", partial,
                                            std::error_code(cause, std::generic_category()));
  }
  std::filesystem::rename(partial, file);
}

}  // namespace geocrawl
