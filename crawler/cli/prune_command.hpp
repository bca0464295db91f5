#pragma once
// `geocrawl prune`: old runs removed by a retention policy, or listed with --dry-run; and the
// same prune a crawl runs after its run when the config has a [retention] table.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "crawler/store/run_pruner.hpp"

namespace CLI {
class App;
}

namespace geocrawl {

struct prune_command_options {
  std::string database = "geocrawl.db";
  std::optional<std::int64_t> keep_last;
  std::optional<std::int64_t> older_than_days;
  std::vector<std::string> keep_verdicts;
  bool dry_run = false;
};

// Adds `prune` to the program's command line, filling `options` when parsed; returns it.
CLI::App* add_prune_command(CLI::App& app, prune_command_options& options);

// Exit status: 0 when pruned (or planned, with --dry-run), 1 when the database cannot be read
// or written, 2 for a usage error (no rule, an unknown verdict).
int run_prune_command(const prune_command_options& options, std::ostream& out, std::ostream& err);

// Converts the database to incremental auto-vacuum first when it needs it, saying so on
// `notes` with how long it may take, then prunes. Throws sqlite_error.
prune_result prune_database(const std::filesystem::path& file, const retention_policy& policy,
                            std::ostream& notes);

}  // namespace geocrawl
