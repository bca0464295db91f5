#pragma once
// `geocrawl networks`: which sites of a run are one network, and why. Sites are linked by the
// strong identifiers their views showed (crawler/networks/), networks are numbered so the
// numbers last across runs (and are kept in the database for that), and each network is
// printed with its sites, verdicts, registrars and the identifiers holding it together — as a
// text report, one JSON object (--json), or a CSV of member sites (--out).
#include <optional>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace geocrawl {

struct networks_command_options {
  std::string database = "geocrawl.db";
  std::string run = "latest";
  std::optional<std::string> config_file;  // for [networks]
  bool json = false;
  std::optional<std::string> out;  // a CSV file
};

CLI::App* add_networks_command(CLI::App& app, networks_command_options& options);

// Exit status 0 when the networks are printed (none is no failure); 1 when the database is
// missing or unreadable, holds no run, or the run does not exist or was pruned. Throws
// usage_error for a --run that names no run, --json with --out, or a bad --config.
int run_networks_command(const networks_command_options& options, std::ostream& out,
                         std::ostream& err);

}  // namespace geocrawl
