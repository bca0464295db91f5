#pragma once
// `geocrawl analyze FILE|-`: the page analysis of a saved page, for evidence files and
// for checking the analyser on its own.
#include <optional>
#include <ostream>
#include <string>

namespace geocrawl {

struct analyze_command_options {
  std::string file;          // "-" for standard input
  std::string content_type;  // e.g. "text/html; charset=shift_jis"; "" lets the page decide
  std::string url = "http://localhost/";  // what relative links resolve against
  bool json = false;
};

// Throws usage_error when the file cannot be read.
int run_analyze_command(const analyze_command_options& options, std::ostream& out);

}  // namespace geocrawl
