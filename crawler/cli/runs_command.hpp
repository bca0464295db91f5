#pragma once
// `geocrawl runs`: the runs a database holds, newest first; the lines a crawl's sites file had
// rejected; and `runs abandon ID`, for a run that will never finish.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace geocrawl {

struct runs_command_options {
  std::string database = "geocrawl.db";
  bool json = false;
  std::optional<std::int64_t> errors_of;  // --errors ID: that run's rejected input lines
  std::optional<std::int64_t> abandon;    // `runs abandon ID`
};

// Adds `runs` and `runs abandon` to the program's command line, filling `options` when parsed;
// returns `runs`.
CLI::App* add_runs_command(CLI::App& app, runs_command_options& options);

// Exit status: 0 when listed or abandoned; 1 when the database cannot be read, the run does
// not exist, or it is done (a done run is not abandoned).
int run_runs_command(const runs_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
