// The analysis ceiling of the crawl benchmark (bench/crawl_bench.sh): gumbo parsing every
// page's UTF-8 copy on one core, and nothing else. A crawler that decodes, parses and reads
// pages cannot analyse faster than this per core, so the crawl is measured against it.
//   gumbo_ceiling DIR/utf8
// Files are read into memory first: only the parse loop is timed, by the wall clock and by
// CPU time (they differ when other work shares the core).
#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace {

namespace fs = std::filesystem;

std::vector<std::string> read_pages(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the same order every run
  std::vector<std::string> pages;
  pages.reserve(files.size());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    pages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return pages;
}

}  // namespace

int main(int argc, char** argv) {
  std::string directory;
  CLI::App app{"Parse every page in a directory with gumbo on one core and report pages/s"};
  app.add_option("DIR", directory, "Directory of UTF-8 pages (write_corpus's utf8/)")
      ->required()
      ->check(CLI::ExistingDirectory);
  CLI11_PARSE(app, argc, argv);

  const auto pages = read_pages(directory);
  if (pages.empty()) {
    std::cerr << "gumbo_ceiling: no pages in " << directory << "\n";
    return 1;
  }
  std::size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (const auto& page : pages) {
    GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    bytes += page.size();
  }
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  const double seconds = elapsed.count();
  std::cout << "gumbo_ceiling: pages=" << pages.size() << " bytes=" << bytes
            << " seconds=" << seconds << " cpu_seconds=" << cpu_seconds
            << " pages_per_s=" << static_cast<double>(pages.size()) / seconds
            << " mb_per_s=" << static_cast<double>(bytes) / 1e6 / seconds << "\n";
  return 0;
}
