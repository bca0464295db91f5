#pragma once
// `geocrawl crawl`: a batch run over a sites file, or the resumption of an unfinished one.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace geocrawl {

struct crawl_command_options {
  std::optional<std::string> sites_file;  // a new run over this list
  bool resume = false;                    // or: go on with an unfinished run
  std::optional<std::int64_t> run_id;     // which one (default: the newest unfinished)
  std::optional<std::string> config_file;
  std::string database = "geocrawl.db";
  double log_every_s = 10;  // progress line interval when stderr is not a terminal
};

// Exit status: 0 when the run completed (some sites may have failed: that is a result),
// 1 when it could not run or its results could not be written, 128 + the signal number
// when SIGINT or SIGTERM interrupted it (it can be resumed). Throws usage_error /
// config_error for exit status 2.
int run_crawl_command(const crawl_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
