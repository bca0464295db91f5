#include "tests/support/python_csv.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "tests/support/child_process.hpp"

namespace geocrawl::testing {

namespace {

// Each record printed as a JSON array of its cells.
constexpr const char* python_reader = R"(
import csv, json, sys
with open(sys.argv[1], newline='', encoding=sys.argv[2]) as f:
    print(json.dumps(list(csv.reader(f, strict=True))))
)";

}  // namespace

csv_table read_with_python(const std::filesystem::path& file, std::string_view encoding) {
  const auto result =
      run_command({"python3", "-c", python_reader, file.string(), std::string(encoding)});
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  const auto records = boost::json::parse(result.out);
  csv_table table;
  for (const auto& record : records.as_array()) {
    auto& cells = table.emplace_back();
    for (const auto& cell : record.as_array()) cells.emplace_back(cell.as_string());
  }
  return table;
}

std::vector<std::map<std::string, std::string>> records_of(const csv_table& table) {
  REQUIRE_FALSE(table.empty());
  std::vector<std::map<std::string, std::string>> records;
  for (std::size_t row = 1; row < table.size(); ++row) {
    REQUIRE(table[row].size() == table[0].size());
    auto& record = records.emplace_back();
    for (std::size_t column = 0; column < table[0].size(); ++column)
      record[table[0][column]] = table[row][column];
  }
  return records;
}

}  // namespace geocrawl::testing
