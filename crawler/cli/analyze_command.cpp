#include "crawler/cli/analyze_command.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

#include "crawler/cli/json_output.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/view_json.hpp"
#include "crawler/cli/view_report.hpp"
#include "parsers/shipped_lexicon.hpp"

namespace geocrawl {

namespace {

// Evidence files are pages; anything far larger is not one, and reading it whole would
// only spend memory.
constexpr std::size_t max_file_bytes = 64 * 1024 * 1024;

std::string read_input(const std::string& file) {
  std::ifstream opened;
  if (file != "-") {
    opened.open(file, std::ios::binary);
    if (!opened) throw usage_error("FILE: cannot open " + file);
  }
  std::istream& in = file == "-" ? std::cin : opened;
  std::string bytes;
  char chunk[64 * 1024];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_file_bytes)
      throw usage_error("FILE: " + file + " is larger than 64 MiB");
  }
  return bytes;
}

}  // namespace

int run_analyze_command(const analyze_command_options& options, std::ostream& out) {
  const auto body = read_input(options.file);
  const page_analyzer analyzer(load_shipped_lexicon());
  const auto analysis = analyzer.analyze(body, options.content_type, options.url);
  if (options.json) {
    auto report = analysis_to_json(analysis);
    report["file"] = options.file;
    report["bytes"] = body.size();
    out << json_output(std::move(report)) << "\n";
  } else {
    out << options.file << " (" << body.size() << " bytes)\n";
    print_analysis(out, analysis);
  }
  return 0;
}

}  // namespace geocrawl
