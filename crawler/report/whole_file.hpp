#pragma once
// A report file that exists only whole: written under "<name>.partial" and renamed into place,
// so an interrupted report leaves no half page or half image that looks complete. index.html,
// written last, is what says a report is complete.
#include <filesystem>
#include <string_view>

namespace geocrawl {

// Throws std::filesystem::filesystem_error naming the file when it cannot be written or renamed.
void write_whole_file(const std::filesystem::path& file, std::string_view contents);

}  // namespace geocrawl
