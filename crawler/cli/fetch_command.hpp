#pragma once
// `geocrawl fetch URL`: fetch one URL from each selected vantage, report, optionally store.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace geocrawl {

struct fetch_command_options {
  std::string url;
  std::optional<std::string> config_file;
  std::vector<std::string> vantages;  // empty: every configured vantage
  std::optional<std::string> database;
  bool json = false;
  std::optional<std::string> warc_dir;  // overrides [output] warc_dir
};

// Exit status: 0 when at least one view got a response, 1 when every view failed or the
// database or the WARC files could not be written. Throws usage_error / config_error for exit
// status 2.
int run_fetch_command(const fetch_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
