#include "crawler/cli/prune_command.hpp"

#include <CLI/CLI.hpp>

#include "crawler/cli/prune_text.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/verdict_words.hpp"
#include "crawler/store/sqlite.hpp"

namespace geocrawl {

namespace {

constexpr int exit_failed = 1;
// What VACUUM rewrites per second on a slow disk: a pessimistic figure, so the time said is
// an upper bound more often than not.
constexpr double vacuum_bytes_per_second = 50e6;

}  // namespace

CLI::App* add_prune_command(CLI::App& app, prune_command_options& options) {
  auto* prune = app.add_subcommand(
      "prune", "Remove old runs and everything only they used; the newest done run stays");
  prune->add_option("--db", options.database, "SQLite database to prune")->capture_default_str();
  auto* keep_last =
      prune->add_option("--keep-last", options.keep_last, "Keep the newest N finished runs")
          ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000}));
  auto* older_than = prune
                         ->add_option("--older-than", options.older_than_days,
                                      "Remove finished runs that finished more than DAYS ago")
                         ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}));
  keep_last->excludes(older_than);
  prune->add_option("--keep-verdict", options.keep_verdicts,
                    "Inside removed runs, keep the sites with this verdict and their evidence "
                    "(repeatable)");
  prune->add_flag("--dry-run", options.dry_run,
                  "Print what would be removed and the space it would free; change nothing");
  return prune;
}

prune_result prune_database(const std::filesystem::path& file, const retention_policy& policy,
                            std::ostream& notes) {
  run_pruner pruner(file);
  if (pruner.needs_vacuum_conversion()) {
    const auto bytes = pruner.file_bytes();
    notes << "geocrawl: converting " << file.string()
          << " to incremental auto-vacuum, once: VACUUM rewrites the whole " << byte_text(bytes)
          << " file (up to about "
          << static_cast<std::int64_t>(static_cast<double>(bytes) / vacuum_bytes_per_second) + 1
          << " s), needs as much free disk, and holds writers off until it is done\n";
    pruner.convert_to_incremental_vacuum();
  }
  return pruner.prune(policy);
}

int run_prune_command(const prune_command_options& options, std::ostream& out, std::ostream& err) {
  if (!options.keep_last && !options.older_than_days)
    throw usage_error("prune: give --keep-last N or --older-than DAYS");
  const retention_policy policy{
      .keep_last = options.keep_last,
      .older_than_days = options.older_than_days,
      .keep_verdicts = parse_verdict_words("--keep-verdict", options.keep_verdicts),
  };
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return exit_failed;
  }
  try {
    if (options.dry_run) {
      run_pruner pruner(options.database);
      print_prune_plan(out, pruner.plan(policy));
      if (pruner.needs_vacuum_conversion()) {
        out << "the prune would first convert the database to incremental auto-vacuum, once "
               "(VACUUM: rewrites the whole "
            << byte_text(pruner.file_bytes()) << " file)\n";
      }
      return 0;
    }
    print_prune_result(out, prune_database(options.database, policy, err));
    return 0;
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what()
        << "; what was pruned is consistent, and the next prune finishes the rest\n";
    return exit_failed;
  }
}

}  // namespace geocrawl
