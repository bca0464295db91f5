#pragma once
// `geocrawl report`: a run's stored evidence written as the static HTML report
// (crawler/report/), with a screenshot of each distinct stored body drawn offline, and a page
// per network of the run (crawler/cli/run_networks.hpp: linked again, numbered as the run was).
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace geocrawl {

enum class existing_report { refuse, replace };

struct report_command_options {
  std::string database = "geocrawl.db";
  std::string run = "latest";              // a run id, or "latest": the newest crawl run
  std::vector<std::string> verdicts;       // only sites with one of these verdicts
  std::vector<std::string> sites;          // only these sites, named as show names one
  std::string out;                         // the report folder
  std::optional<std::string> config_file;  // for [networks]: the rules the networks are linked by
  bool no_screenshots = false;
  std::string browser = "chromium";  // a path, or a name looked up in PATH
  // An --out folder that is not empty: refused, or (--force) geocrawl's own report files in it
  // (index.html, sites/, networks/, screenshots/) removed first and everything else left alone.
  existing_report existing = existing_report::refuse;
};

// Adds `report` to the program's command line, filling `options` when parsed; returns it.
CLI::App* add_report_command(CLI::App& app, report_command_options& options);

// Exit status 0 when written (also without screenshots: a line says why); 1 when the
// database, run or a --site is not there or the report cannot be written. Throws usage_error
// (exit status 2) for a bad --run, --verdict or --config, or an --out folder that is not empty
// without --force.
int run_report_command(const report_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
