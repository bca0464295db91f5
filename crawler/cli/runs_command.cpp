#include "crawler/cli/runs_command.hpp"

#include <filesystem>
#include <iomanip>

#include <CLI/CLI.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "crawler/cli/view_json.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"

namespace geocrawl {

namespace json = boost::json;

namespace {

constexpr int exit_failed = 1;

// What `geocrawl prune` did to the run, as a short suffix of its status.
std::string_view prune_suffix(run_presence presence) {
  switch (presence) {
    case run_presence::partly_pruned:
      return " (pruned, part kept)";
    case run_presence::being_pruned:
      return " (pruning)";
    case run_presence::pruned:
      return " (pruned)";
    case run_presence::present:
    case run_presence::absent:
      break;
  }
  return "";
}

// The run's status, "(abandoned)" when it failed for good, and whether it was pruned.
std::string status_text(const run_info& run) {
  return std::string(to_string(run.status)) + (run.abandoned ? " (abandoned)" : "") +
         std::string(prune_suffix(run.presence.presence));
}

// A fetch run holds the one URL it fetched and counts no work list.
std::string sites_text(const run_info& run) {
  return run.command == run_kind::crawl
             ? std::to_string(run.sites_done) + "/" + std::to_string(run.sites_total)
             : "-";
}

void print_runs(std::ostream& out, const std::vector<run_info>& runs) {
  out << std::left << std::setw(6) << "ID" << std::setw(15) << "COMMAND" << std::setw(26)
      << "STATUS" << std::setw(26) << "STARTED" << std::setw(26) << "FINISHED" << std::setw(16)
      << "SITES" << std::setw(11) << "BAD LINES" << std::setw(12) << "DUPLICATES" << std::setw(10)
      << "SHARD"
      << "INPUT\n";
  for (const auto& run : runs) {
    out << std::left << std::setw(6) << run.id << std::setw(15) << to_string(run.command)
        << std::setw(26) << status_text(run) << std::setw(26) << run.started_at << std::setw(26)
        << (run.finished_at.empty() ? "-" : run.finished_at) << std::setw(16) << sites_text(run)
        << std::setw(11) << run.bad_lines << std::setw(12) << run.duplicates << std::setw(10)
        << (run.shard ? to_string(*run.shard) : "-") << run.input << "\n";
  }
}

json::object run_json(const run_info& run) {
  return {
      {"id", run.id},
      {"command", to_string(run.command)},
      {"status", to_string(run.status)},
      {"abandoned", run.abandoned},
      {"pruned_at", run.presence.presence == run_presence::being_pruned
                        ? json::value(nullptr)
                        : text_or_null(run.presence.pruned_at)},
      {"kept_sites", run.presence.kept_sites},
      {"started_at", run.started_at},
      {"finished_at", text_or_null(run.finished_at)},
      {"sites_done", run.sites_done},
      {"sites_total", run.sites_total},
      {"bad_lines", run.bad_lines},
      {"duplicates", run.duplicates},
      {"input", run.input},
      {"run_label", text_or_null(run.run_label)},
      {"shard", run.shard ? json::value(to_string(*run.shard)) : json::value(nullptr)},
  };
}

void list_runs(store& database, const runs_command_options& options, std::ostream& out) {
  const auto runs = database.all_runs();
  if (!options.json) {
    print_runs(out, runs);
    return;
  }
  json::array list;
  for (const auto& run : runs) list.push_back(run_json(run));
  out << json::serialize(json::object{{"runs", std::move(list)}}) << "\n";
}

// As the crawl reported them on stderr, FILE:LINE: what is wrong, so one greps either.
void list_input_errors(const run_info& run, const std::vector<site_line_error>& errors,
                       bool as_json, std::ostream& out) {
  if (!as_json) {
    for (const auto& error : errors)
      out << run.input << ':' << error.line << ": " << error.message << "\n";
    return;
  }
  json::array list;
  for (const auto& error : errors)
    list.push_back(json::object{{"line", error.line}, {"message", error.message}});
  out << json::serialize(
             json::object{{"run", run.id}, {"input", run.input}, {"input_errors", std::move(list)}})
      << "\n";
}

int abandon(store& database, const run_info& run, std::ostream& out, std::ostream& err) {
  if (run.status == run_status::done) {
    err << "geocrawl: run " << run.id << " is done: nothing to abandon\n";
    return exit_failed;
  }
  database.abandon_run(run.id);
  out << "run " << run.id << " abandoned: failed (was " << status_text(run)
      << "); --resume no longer takes it\n";
  return 0;
}

}  // namespace

CLI::App* add_runs_command(CLI::App& app, runs_command_options& options) {
  auto* runs = app.add_subcommand("runs", "List the runs in a database, newest first");
  runs->add_option("--db", options.database, "SQLite database to read")->capture_default_str();
  runs->add_flag("--json", options.json, "Print one JSON object instead of the table");
  runs->add_option("--errors", options.errors_of,
                   "List this run's rejected lines of its sites file instead");
  auto* abandon_command = runs->add_subcommand(
      "abandon", "Mark an unfinished run failed for good, so --resume no longer takes it");
  abandon_command->add_option("ID", options.abandon, "The run's id")->required();
  abandon_command->add_option("--db", options.database, "SQLite database of the run")
      ->capture_default_str();
  return runs;
}

int run_runs_command(const runs_command_options& options, std::ostream& out, std::ostream& err) {
  std::error_code ignored;
  if (!std::filesystem::exists(options.database, ignored)) {
    err << "geocrawl: --db " << options.database << ": no such file\n";
    return exit_failed;
  }
  try {
    store database(options.database);
    const auto wanted = options.abandon ? options.abandon : options.errors_of;
    if (!wanted) {
      list_runs(database, options, out);
      return 0;
    }
    const auto run = database.find_run(*wanted);
    if (!run) {
      err << "geocrawl: no run " << *wanted << " in " << options.database << "\n";
      return exit_failed;
    }
    if (options.abandon) return abandon(database, *run, out, err);
    if (run->presence.presence == run_presence::pruned ||
        run->presence.presence == run_presence::being_pruned) {
      err << "geocrawl: " << describe_presence(run->id, run->presence) << "\n";
      return exit_failed;
    }
    list_input_errors(*run, database.input_errors(run->id), options.json, out);
    return 0;
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return exit_failed;
  }
}

}  // namespace geocrawl
