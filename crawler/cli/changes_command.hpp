#pragma once
// `geocrawl changes`: what differs in a run from each site's previous run — newly cloaked, no
// longer cloaked, unreachable or back, page state, final host moved, drugs added or gone, the
// baseline's title, new and gone sites — as text an analyst reads each morning, or JSON.
// Sites are read one at a time and only those with a change are printed, so memory stays flat
// however large the run.
#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace geocrawl {

struct changes_command_options {
  std::string database = "geocrawl.db";
  std::string run = "latest";        // a run id, or "latest": the newest crawl run
  std::optional<std::string> since;  // a run id: compare every site with that run instead
  bool json = false;
};

// Adds `changes` to the program's command line, filling `options` when parsed.
CLI::App* add_changes_command(CLI::App& app, changes_command_options& options);

// Exit status 0 when the changes are printed (none is no failure); 1 when the database is
// missing or unreadable, holds no run, or the run or the --since run does not exist. Throws
// usage_error (exit status 2) for a flag value that names no run, or --since naming the run.
int run_changes_command(const changes_command_options& options, std::ostream& out,
                        std::ostream& err);

}  // namespace geocrawl
