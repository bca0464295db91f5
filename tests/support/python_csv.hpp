// CSV read back the way analysts' own scripts read it: Python's csv module in strict mode.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl::testing {

using csv_table = std::vector<std::vector<std::string>>;

// The file's records, cell for cell. A file Python cannot read fails the test (REQUIRE).
csv_table read_with_python(const std::filesystem::path& file, std::string_view encoding = "utf-8");

// Each record below the header as column name → cell. A table without a header, or a record
// with another number of cells, fails the test (REQUIRE).
std::vector<std::map<std::string, std::string>> records_of(const csv_table& table);

}  // namespace geocrawl::testing
