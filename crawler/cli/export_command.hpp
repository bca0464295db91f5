#pragma once
// `geocrawl export`: a run's comparisons, views, sites or changes from the SQLite database as
// CSV, for analysts' spreadsheets. Rows are streamed, so memory stays flat however
// large the run.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace geocrawl {

struct export_command_options {
  std::string database = "geocrawl.db";
  std::string run = "latest";        // a run id, or "latest": the newest crawl run
  std::optional<std::string> out;    // unset: write to `out`
  std::string what = "comparisons";  // or "views", "sites", "changes"
  bool bom = false;
  std::vector<std::string> verdicts;  // empty: every verdict
  std::vector<std::string> vantages;  // empty: every vantage
  std::optional<std::string> since;   // with --what changes: a run id to compare every site with
};

// Exit status 0 when the CSV is written, 1 when the database is missing or unreadable, holds
// no run, or the output cannot be written. Throws usage_error (exit status 2) for a bad flag
// value, an unknown run among them.
int run_export_command(const export_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
