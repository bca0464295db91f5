// geocrawl: fetch suspect sites from several vantages and record what each one saw.
#include <malloc.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crawler/cli/analyze_command.hpp"
#include "crawler/cli/changes_command.hpp"
#include "crawler/cli/command_line_words.hpp"
#include "crawler/cli/crawl_command.hpp"
#include "crawler/cli/export_command.hpp"
#include "crawler/cli/fetch_command.hpp"
#include "crawler/cli/geocrawl_version.hpp"
#include "crawler/cli/geoip_command.hpp"
#include "crawler/cli/merge_command.hpp"
#include "crawler/cli/networks_command.hpp"
#include "crawler/cli/proxies_command.hpp"
#include "crawler/cli/prune_command.hpp"
#include "crawler/cli/report_command.hpp"
#include "crawler/cli/runs_command.hpp"
#include "crawler/cli/show_command.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/config/config.hpp"
#include "crawler/domain/registrable_domain.hpp"
#include "proxies/geoip.hpp"

namespace {

constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

}  // namespace

int main(int argc, char** argv) {
  // Two malloc arenas rather than glibc's eight a core: the crawl's threads (network, analysis,
  // writer) share them at no CPU cost a paired run could see, and a crawl's peak RSS fell from
  // 197-201 to 179 MB over 3,000 pages (bench/README.md). MALLOC_ARENA_MAX, when set, decides.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  // Named, so usage lines say "geocrawl" rather than the path the binary was started by.
  CLI::App app{"geocrawl: see a website from several countries and record the differences",
               "geocrawl"};
  app.footer("Run 'geocrawl help COMMAND' for a command's options.");
  app.require_subcommand(1);
  app.set_version_flag("--version", "geocrawl " + std::string(geocrawl::geocrawl_version));

  geocrawl::fetch_command_options fetch;
  auto* fetch_command =
      app.add_subcommand("fetch", "Fetch one URL from each vantage and report what each saw");
  fetch_command
      ->add_option("URL", fetch.url,
                   "http:// or https:// URL, or a bare domain: https, then http where https fails")
      ->required();
  fetch_command->add_option("--config", fetch.config_file,
                            "TOML config file (default: one direct vantage)");
  fetch_command->add_option("--vantage", fetch.vantages, "Only this vantage (repeatable)");
  fetch_command->add_option("--db", fetch.database, "Record the views in this SQLite database");
  fetch_command->add_flag("--json", fetch.json, "Print one JSON object instead of the report");
  fetch_command->add_option("--warc", fetch.warc_dir,
                            "Write WARC/1.1 of every view into this folder ([output] warc_dir)");

  geocrawl::crawl_command_options crawl;
  auto* crawl_command = app.add_subcommand(
      "crawl", "Crawl a list of sites from every vantage and store what each saw");
  crawl_command->add_option("--sites", crawl.sites_file,
                            "Text file (one URL or domain a line) or CSV with a url column");
  crawl_command->add_flag("--resume", crawl.resume,
                          "Go on with an unfinished run instead (killed, interrupted, failed)");
  crawl_command->add_option("--run", crawl.run_id,
                            "With --resume: this run (default: the newest unfinished)");
  crawl_command->add_option("--config", crawl.config_file,
                            "TOML config file (default: one direct vantage)");
  crawl_command->add_option("--db", crawl.database, "SQLite database of runs and results")
      ->capture_default_str();
  crawl_command->add_option("--warc", crawl.warc_dir,
                            "Write WARC/1.1 of every view into this folder ([output] warc_dir)");
  crawl_command
      ->add_option("--log-every", crawl.log_every_s,
                   "Seconds between progress lines when stderr is no terminal")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  crawl_command->add_flag(
      "--allow-missing-vantages", crawl.allow_missing_vantages,
      "Crawl even when a vantage has no usable proxy (the run ends degraded, exit status 3)");
  crawl_command->add_option(
      "--shard", crawl.shard,
      "Only the sites whose registrable domain hashes to shard I of N: I/N, or auto (Slurm's "
      "SLURM_ARRAY_TASK_ID, or Kubernetes' JOB_COMPLETION_INDEX with --shards)");
  crawl_command->add_option("--shards", crawl.shards,
                            "With --shard auto under Kubernetes: the number of shards");
  crawl_command->add_option(
      "--run-label", crawl.run_label,
      "The label a night's shards share, which merge folds into one run (default: a new UUID)");

  geocrawl::analyze_command_options analyze;
  auto* analyze_command = app.add_subcommand(
      "analyze", "Analyse a saved page: charset, drugs, no-prescription language");
  analyze_command->add_option("FILE", analyze.file, "The page, or - for standard input")
      ->required();
  analyze_command->add_option("--content-type", analyze.content_type,
                              "The page's Content-Type header, if known");
  analyze_command->add_option("--url", analyze.url, "The page's URL, for resolving its links");
  analyze_command->add_flag("--json", analyze.json, "Print one JSON object instead of the report");

  geocrawl::proxies_command_options proxies;
  auto* proxies_command = app.add_subcommand("proxies", "Work with the configured proxies");
  proxies_command->require_subcommand(1);
  auto* proxies_check =
      proxies_command->add_subcommand("check", "Verify where each proxy exits and report it");
  proxies_check
      ->add_option("--config", proxies.config_file, "TOML config file with [[proxy]] entries")
      ->required();
  proxies_check->add_option("--db", proxies.database, "Record the checks in this SQLite database");
  proxies_check->add_flag("--json", proxies.json, "Print one JSON object instead of the table");

  geocrawl::geoip_command_options geoip;
  auto* geoip_command =
      app.add_subcommand("geoip", "Look up the country of IP addresses in the GeoIP database(s)");
  geoip_command->add_option("IP", geoip.addresses, "IPv4 or IPv6 addresses")->required();
  geoip_command->add_option("--config", geoip.config_file,
                            "TOML config file: its [geoip] databases (default: the shipped one)");
  geoip_command->add_option("--geoip-db", geoip.geoip_db,
                            "This MaxMind DB file instead of a config's");
  geoip_command->add_flag("--json", geoip.json,
                          "Print one JSON object instead of one line per address");

  geocrawl::export_command_options exports;
  auto* export_command = app.add_subcommand(
      "export", "Write a run's comparisons, views or sites as CSV for spreadsheets");
  export_command->add_option("--db", exports.database,
                             "SQLite database to read (default: geocrawl.db)");
  export_command->add_option("--run", exports.run,
                             "A run id, or latest: the newest crawl run (default)");
  export_command->add_option("--out", exports.out, "Write to this file (default: standard output)");
  export_command->add_option(
      "--what", exports.what,
      "comparisons (default): a row per vantage against the baseline; views: a row per view; "
      "sites: a row per site, its vantages side by side; changes: a row per change since each "
      "site's previous run");
  export_command->add_flag("--bom", exports.bom, "Start with a UTF-8 byte order mark, for Excel");
  export_command->add_option("--verdict", exports.verdicts,
                             "Only rows with this verdict (repeatable)");
  export_command->add_option(
      "--since", exports.since,
      "With --what changes: compare every site with this run (default: each site's previous run)");
  export_command->add_option("--vantage", exports.vantages,
                             "Only rows of this vantage (repeatable)");

  geocrawl::show_command_options show;
  auto* show_command = app.add_subcommand(
      "show", "Print what a run stored of one site: the report, its JSON, headers or a body");
  show_command
      ->add_option("URL", show.url,
                   "The site as stored, or as given to fetch or crawl (a bare domain works)")
      ->required();
  show_command->add_option("--db", show.database, "SQLite database to read")->capture_default_str();
  show_command->add_option("--run", show.run,
                           "A run id, or latest: the newest crawl run (default)");
  show_command->add_option("--vantage", show.vantage, "Only this vantage's view");
  // --json, --headers, --body, --warc, --rendered and --screenshot each choose what is
  // printed; at most one of them.
  struct output_flag {
    const char* name;
    geocrawl::show_output output;
    const char* help;
  };
  const output_flag show_flags[] = {
      {"--json", geocrawl::show_output::json, "Print the JSON that fetch --json prints"},
      {"--headers", geocrawl::show_output::headers, "Print one view's final response headers"},
      {"--body", geocrawl::show_output::body, "Write one view's body exactly as stored"},
      {"--warc", geocrawl::show_output::warc, "Write one view's WARC records (crawl --warc)"},
      {"--rendered", geocrawl::show_output::rendered,
       "Write one rendered view's DOM, as its browser left it, exactly as stored"},
      {"--screenshot", geocrawl::show_output::screenshot,
       "Write one rendered view's screenshot (PNG) exactly as stored"}};
  std::vector<CLI::Option*> show_output_flags;
  for (const auto& [name, output, help] : show_flags) {
    auto* flag = show_command->add_flag_callback(
        name, [&show, output = output] { show.output = output; }, help);
    for (auto* other : show_output_flags) flag->excludes(other);
    show_output_flags.push_back(flag);
  }

  geocrawl::runs_command_options runs;
  auto* runs_command = geocrawl::add_runs_command(app, runs);

  geocrawl::changes_command_options changes;
  auto* changes_command = geocrawl::add_changes_command(app, changes);

  geocrawl::networks_command_options networks;
  auto* networks_command = geocrawl::add_networks_command(app, networks);
  geocrawl::prune_command_options prune;
  auto* prune_command = geocrawl::add_prune_command(app, prune);
  geocrawl::report_command_options report;
  auto* report_command = geocrawl::add_report_command(app, report);
  geocrawl::merge_command_options merge;
  auto* merge_command = geocrawl::add_merge_command(app, merge);

  std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    arguments = geocrawl::help_word_as_flag(app, std::move(arguments));
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());  // as CLI11 takes them
    app.parse(reversed);
  } catch (const geocrawl::usage_error& error) {
    std::cerr << "geocrawl: " << error.what() << "\n";
    return exit_usage;
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::Success& done) {
    return app.exit(done);
  } catch (const CLI::ParseError& error) {
    std::cerr << "geocrawl: " << error.what() << geocrawl::did_you_mean(app, arguments)
              << "\nRun 'geocrawl help' for usage.\n";
    return exit_usage;
  }

  try {
    if (*fetch_command) return geocrawl::run_fetch_command(fetch, std::cout, std::cerr);
    if (*crawl_command) return geocrawl::run_crawl_command(crawl, std::cout, std::cerr);
    if (*analyze_command) return geocrawl::run_analyze_command(analyze, std::cout);
    if (*proxies_check) return geocrawl::run_proxies_check(proxies, std::cout, std::cerr);
    if (*geoip_command) return geocrawl::run_geoip_command(geoip, std::cout);
    if (*export_command) return geocrawl::run_export_command(exports, std::cout, std::cerr);
    if (*runs_command) return geocrawl::run_runs_command(runs, std::cout, std::cerr);
    if (*changes_command) return geocrawl::run_changes_command(changes, std::cout, std::cerr);
    if (*networks_command) return geocrawl::run_networks_command(networks, std::cout, std::cerr);
    if (*prune_command) return geocrawl::run_prune_command(prune, std::cout, std::cerr);
    if (*show_command) return geocrawl::run_show_command(show, std::cout, std::cerr);
    if (*report_command) return geocrawl::run_report_command(report, std::cout, std::cerr);
    if (*merge_command) return geocrawl::run_merge_command(merge, std::cout, std::cerr);
  } catch (const geocrawl::config_error& error) {
    std::cerr << "geocrawl: config error: " << error.what() << "\n";
    return exit_usage;
  } catch (const geocrawl::usage_error& error) {
    std::cerr << "geocrawl: " << error.what() << "\n";
    return exit_usage;
  } catch (const geocrawl::geoip_error& error) {
    std::cerr << "geocrawl: " << error.what() << "\n";
    return exit_failed;
  } catch (const geocrawl::public_suffix_list_error& error) {
    std::cerr << "geocrawl: " << error.what() << "\n";
    return exit_failed;
  }
  return exit_usage;
}
