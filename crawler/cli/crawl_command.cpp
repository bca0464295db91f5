#include "crawler/cli/crawl_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "crawler/batch/crawl_engine.hpp"
#include "crawler/batch/descriptor_budget.hpp"
#include "crawler/batch/shard_environment.hpp"
#include "crawler/batch/site_shard.hpp"
#include "crawler/batch/sites_input.hpp"
#include "crawler/cli/proxy_check_report.hpp"
#include "crawler/cli/prune_command.hpp"
#include "crawler/cli/prune_text.hpp"
#include "crawler/cli/run_networks.hpp"
#include "crawler/cli/usage_error.hpp"
#include "crawler/cli/warc_output.hpp"
#include "crawler/config/config.hpp"
#include "crawler/config/config_fingerprint.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/store/uuid_v4.hpp"
#include "crawler/vantage/network_session.hpp"
#include "crawler/vantage/vantage_plan.hpp"
#include "parsers/shipped_lexicon.hpp"

namespace geocrawl {

namespace {

constexpr int exit_failed = 1;
// Completed, but some vantage had no usable proxy for some of its views, or the WARC files or
// the networks' numbers could not be written: a timer or a monitor must not take the night for
// a quiet one.
constexpr int exit_degraded = 3;
// The run is done and stored, but [retention]'s prune after it failed: the disk is not being
// reclaimed, which a nightly job should hear of before it fills.
constexpr int exit_prune_failed = 4;
constexpr std::size_t sites_per_transaction = 10'000;
constexpr std::int64_t bad_lines_shown = 20;  // then only counted

// For the command a user copies to resume: a word the shell keeps as it is.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789-_./=:,+@%") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string resume_command(std::int64_t run_id, const crawl_command_options& options,
                           const config& settings) {
  return "geocrawl crawl --resume --run " + std::to_string(run_id) + " --db " +
         shell_word(options.database) +
         (settings.source == default_config().source ? ""
                                                     : " --config " + shell_word(settings.source)) +
         (options.warc_dir ? " --warc " + shell_word(*options.warc_dir) : "");
}

struct loaded_list {
  std::int64_t sites = 0;
  std::int64_t bad_lines = 0;
  std::int64_t duplicates = 0;
  std::int64_t other_shards = 0;  // entries whose site another shard crawls
};

// Streams the sites file into the run's work list, a transaction per batch, with the lines
// it rejects. A shard run lists only its own sites; every shard keeps every rejected line, so
// each shard's run says what the file lacked.
loaded_list load_sites(store& database, std::int64_t run_id, const std::string& path,
                       const std::optional<run_shard>& shard, std::ostream& err) {
  loaded_list loaded;
  std::int64_t entries = 0;
  std::vector<site_entry> batch;
  std::vector<site_line_error> rejected;
  const auto flush = [&] {
    loaded.sites += static_cast<std::int64_t>(database.add_sites(run_id, batch, rejected));
    batch.clear();
    rejected.clear();
  };
  try {
    auto in = open_sites_file(path);
    sites_reader reader(in, sites_format_for(path));
    while (auto next = reader.next()) {
      if (auto* error = std::get_if<site_line_error>(&*next)) {
        if (++loaded.bad_lines <= bad_lines_shown)
          err << path << ':' << error->line << ": " << error->message << "\n";
        rejected.push_back(std::move(*error));
      } else if (auto& entry = std::get<site_entry>(*next); shard && !in_shard(*shard, entry.url)) {
        ++loaded.other_shards;
      } else {
        ++entries;
        batch.push_back(std::move(entry));
      }
      if (batch.size() + rejected.size() == sites_per_transaction) flush();
    }
  } catch (const sites_input_error& error) {
    throw usage_error("--sites " + path + ": " + error.what());
  }
  flush();
  if (loaded.bad_lines > bad_lines_shown) {
    err << path << ": " << loaded.bad_lines - bad_lines_shown
        << " more bad lines not shown (geocrawl runs --errors " << run_id << " lists them all)\n";
  }
  loaded.duplicates = entries - loaded.sites;
  return loaded;
}

// The run cannot start or go on, for a reason that is no mistake in the command line.
class cannot_run : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

config config_for(const crawl_command_options& options, const std::optional<run_info>& resumed) {
  if (options.config_file) return load_config(*options.config_file);
  // A resumed run goes on with the config file it started with.
  if (resumed && resumed->config_source != default_config().source)
    return load_config(resumed->config_source);
  return default_config();
}

run_info run_to_resume(store& database, const crawl_command_options& options) {
  std::optional<run_info> run;
  if (options.run_id) {
    run = database.find_run(*options.run_id);
    if (!run || run->command != run_kind::crawl) {
      throw usage_error("--run " + std::to_string(*options.run_id) +
                        ": no crawl run with this id in " + options.database);
    }
  } else {
    run = database.latest_unfinished_crawl();
    if (!run)
      throw cannot_run("no unfinished crawl run in " + options.database + ": nothing to resume");
  }
  if (run->status == run_status::done)
    throw cannot_run("run " + std::to_string(run->id) + " is done: nothing to resume");
  if (run->abandoned) {
    throw cannot_run("run " + std::to_string(run->id) +
                     " was abandoned (geocrawl runs abandon): start a new run with --sites");
  }
  return *run;
}

// Refuses a sites file no crawl could read before a run exists to be left unfinishable.
void check_input(const std::string& path) {
  try {
    check_sites_file(path);
  } catch (const sites_input_error& error) {
    throw usage_error("--sites " + path + ": " + error.what());
  }
}

// A vantage with a country whose proxies all failed their check: every view of it would fail.
struct missing_vantage {
  std::string name;
  std::string country;
  std::string reason;  // why each of the country's proxies is out
};

std::vector<missing_vantage> missing_vantages(const vantage_plan& plan) {
  std::vector<missing_vantage> missing;
  for (std::size_t i = 0; i < plan.vantages.size(); ++i) {
    const auto& vantage = plan.vantages[i];
    if (vantage.country.empty()) continue;
    const bool served = std::any_of(plan.usable.begin(), plan.usable.end(), [&](const auto& proxy) {
      return proxy.country == vantage.country;
    });
    if (!served) missing.push_back({vantage.name, vantage.country, plan.no_proxy_reasons[i]});
  }
  return missing;
}

void print_missing(std::ostream& err, const std::vector<missing_vantage>& missing) {
  for (const auto& vantage : missing) {
    err << "geocrawl: vantage " << vantage.name << " (" << vantage.country
        << ") has no usable proxy: " << vantage.reason << "\n";
  }
}

// The slice --shard names, from the command line or (auto) the scheduler's environment.
std::optional<run_shard> asked_shard(const crawl_command_options& options) {
  if (options.shards && options.shard != "auto")
    throw usage_error("--shards: only with --shard auto (for JOB_COMPLETION_INDEX)");
  if (!options.shard) return std::nullopt;
  if (*options.shard == "auto") {
    try {
      return shard_from_environment(process_environment(), options.shards);
    } catch (const shard_environment_error& error) {
      throw usage_error(error.what());
    }
  }
  const auto shard = parse_run_shard(*options.shard);
  if (!shard) {
    throw usage_error("--shard " + *options.shard +
                      ": expected I/N with 0 <= I < N (e.g. 0/4), or auto");
  }
  return shard;
}

// A label travels through scheduler scripts and shell words: kept to characters none of them
// treat specially, and short enough to read in `geocrawl runs`.
constexpr std::size_t max_label_length = 128;

std::string checked_label(const std::string& label) {
  const bool plain = !label.empty() && label.size() <= max_label_length &&
                     label.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789-_.:") == std::string::npos;
  if (!plain) {
    throw usage_error("--run-label: 1 to " + std::to_string(max_label_length) +
                      " letters, digits and - _ . : (a UUID, or e.g. 2026-12-07)");
  }
  return label;
}

// A resumed run keeps its slice and label; a --shard or --run-label given again must agree.
void check_resumed_slice(const run_info& run, const std::optional<run_shard>& shard,
                         const crawl_command_options& options) {
  if (options.shard && shard != run.shard) {
    throw usage_error("--shard " + *options.shard + ": run " + std::to_string(run.id) + " crawls " +
                      (run.shard ? "shard " + to_string(*run.shard) : "the whole list") +
                      "; --resume keeps its slice");
  }
  if (options.run_label && *options.run_label != run.run_label) {
    throw usage_error("--run-label " + *options.run_label + ": run " + std::to_string(run.id) +
                      " has the label " + run.run_label);
  }
}

// [retention]'s prune, once the run is done: a line of the summary either way. The run's own
// results were committed before; a prune that fails leaves them, and what it pruned, intact.
bool prune_after_run(const retention_settings& retention, const std::string& database,
                     std::ostream& out, std::ostream& err) {
  if (!retention.keep_last && !retention.older_than_days) return true;
  const retention_policy policy{.keep_last = retention.keep_last,
                                .older_than_days = retention.older_than_days,
                                .keep_verdicts = retention.keep_verdicts};
  try {
    out << "retention: ";
    print_prune_result(out, prune_database(database, policy, err));
    return true;
  } catch (const sqlite_error& error) {
    out << "prune failed: " << error.what()
        << " (this run's results are stored; the next prune finishes what this one began)\n";
    return false;
  }
}

}  // namespace

int run_crawl_command(const crawl_command_options& options, std::ostream& out, std::ostream& err) {
  if (options.sites_file.has_value() == options.resume)
    throw usage_error("give either --sites FILE or --resume");
  if (options.run_id && !options.resume) throw usage_error("--run: only with --resume");
  const auto shard = asked_shard(options);
  const auto label = options.run_label ? checked_label(*options.run_label) : uuid_v4();

  std::optional<store> database;
  try {
    database.emplace(options.database);
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    return exit_failed;
  }
  std::optional<run_info> resumed;
  try {
    if (options.resume) resumed = run_to_resume(*database, options);
  } catch (const cannot_run& error) {
    err << "geocrawl: " << error.what() << "\n";
    return exit_failed;
  }
  const config settings = config_for(options, resumed);
  const auto fingerprint = config_fingerprint(settings);
  if (resumed && resumed->config_hash != fingerprint) {
    throw usage_error("--config " + settings.source + ": differs from the config run " +
                      std::to_string(resumed->id) +
                      " started with (vantages, limits, TLS, GeoIP or verification); start a new "
                      "run with --sites");
  }

  if (resumed) check_resumed_slice(*resumed, shard, options);
  const auto slice = resumed ? resumed->shard : shard;
  // First, so that a scheduler script can hand it to the other shards of the night.
  out << "run label: " << (resumed ? resumed->run_label : label) << std::endl;

  // The total is written once the whole list is in: a run without one was stopped while its
  // list was loading, and loads it again rather than crawl part of it.
  const bool loads_list = !resumed || resumed->sites_total == 0;
  const std::string input = resumed ? resumed->input : *options.sites_file;
  if (loads_list) check_input(input);

  crawl_job job;
  // Read before anything is fetched: a bootstrap file that cannot be read is a config error.
  if (settings.rdap.enabled) job.registrars = configured_rdap_bootstrap(settings.rdap.bootstrap);

  const page_analyzer analyzer(load_shipped_lexicon());
  vantage_plan plan;
  {
    network_session checks(settings);
    plan = plan_vantages(checks.io(), settings, settings.vantages, checks.environment());
  }
  if (const auto checks = exit_checks(plan); !checks.empty()) {
    err << "exits checked for the vantages:\n";
    print_proxy_checks(err, checks);
  }
  const auto missing = missing_vantages(plan);
  print_missing(err, missing);
  if (!missing.empty() && !options.allow_missing_vantages) {
    err << "geocrawl: not starting: every view of such a vantage would fail and its sites could "
           "not be compared; fix its proxies, or start anyway with --allow-missing-vantages\n";
    return exit_failed;
  }
  if (!missing.empty()) {
    err << "geocrawl: crawling without them (--allow-missing-vantages): the run will end "
           "degraded (exit status 3)\n";
  }

  job.database = options.database;
  job.progress = stderr_is_terminal() ? progress_style::live_line : progress_style::log_lines;
  job.log_every = std::chrono::milliseconds(static_cast<std::int64_t>(options.log_every_s * 1000));
  try {
    if (!loads_list) {
      job.run_id = resumed->id;
      job.sites_total = resumed->sites_total;
      job.done_before = resumed->sites_done;
      job.stored_before = database->totals_of(job.run_id);
      database->reopen_run(job.run_id);
      err << "resuming run " << job.run_id << ": " << job.sites_total - job.done_before << " of "
          << job.sites_total << " sites left\n";
    } else {
      if (resumed) {
        job.run_id = resumed->id;
        database->reopen_run(job.run_id);
        database->discard_partial_list(job.run_id);
        err << "resuming run " << job.run_id << ": its sites list was not fully loaded; loading "
            << input << " again\n";
      } else {
        job.run_id = database->begin_run({.command = run_kind::crawl,
                                          .config_source = settings.source,
                                          .input = input,
                                          .config_hash = fingerprint,
                                          .run_label = label,
                                          .shard = slice});
      }
      const auto loaded = load_sites(*database, job.run_id, input, slice, err);
      database->set_run_input(job.run_id, loaded.sites, loaded.bad_lines, loaded.duplicates);
      job.sites_total = loaded.sites;
      err << "run " << job.run_id << ": " << loaded.sites << " sites from " << input << " ("
          << loaded.bad_lines << " bad lines skipped, " << loaded.duplicates << " duplicates"
          << (slice ? "; shard " + to_string(*slice) + ", " + std::to_string(loaded.other_shards) +
                          " in other shards"
                    : std::string())
          << ")\n";
      if (loaded.sites == 0 && slice && loaded.other_shards > 0) {
        // A short list over many shards leaves some empty: that shard's night is done.
        database->finish_run(job.run_id, run_status::done);
        out << "run " << job.run_id << " done: no site of the list falls in shard "
            << to_string(*slice) << "\n";
        return 0;
      }
      if (loaded.sites == 0) {
        database->finish_run(job.run_id, run_status::failed);
        err << "geocrawl: --sites " << input << ": no site to crawl\n";
        return exit_failed;
      }
    }
    database->record_proxy_checks(job.run_id, exit_checks(plan));
  } catch (const sqlite_error& error) {
    // A full disk, say, while the list loads: the run exists and --resume loads it again.
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
    if (job.run_id != 0) {
      err << "when that is fixed, resume with:\n  " << resume_command(job.run_id, options, settings)
          << "\n";
    }
    return exit_failed;
  }

  // The views in flight each hold a socket: the open-file limit is raised for them, or the
  // concurrency lowered to fit it, said once here. The run's config (and its fingerprint)
  // keeps the concurrency asked for; this process runs what its limit allows.
  config effective = settings;
  const auto descriptors = fit_descriptors(settings.crawl.concurrency);
  effective.crawl.concurrency = descriptors.concurrency;
  if (const auto note = descriptors.lowered_note(settings.crawl.concurrency); !note.empty())
    err << "geocrawl: " << note << "\n";

  job.warc = warc_output(options.warc_dir, settings, "geocrawl-" + std::to_string(job.run_id));
  auto outcome = run_crawl(effective, plan, analyzer, job, err);
  if (outcome.warc_failures > 0) {
    err << "geocrawl: WARC: " << outcome.warc_failure << " (" << outcome.warc_failures
        << (outcome.warc_failures == 1 ? " failure" : " failures")
        << "; the results are stored, the WARC files lack the views it hit: the run ends "
           "degraded, exit status 3)\n";
  }

  const auto status = outcome.end == crawl_end::completed     ? run_status::done
                      : outcome.end == crawl_end::interrupted ? run_status::interrupted
                                                              : run_status::failed;
  try {
    database->finish_run(job.run_id, status);
    const auto whole_run = database->totals_of(job.run_id);
    outcome.tally.verdicts = whole_run.verdicts;
    outcome.tally.errors = whole_run.errors;
    outcome.tally.views_without_proxy = whole_run.views_without_proxy;
    outcome.tally.rendered = whole_run.rendered;
    outcome.tally.render_errors = whole_run.render_errors;
    const auto run = database->find_run(job.run_id);
    outcome.tally.bad_lines = run->bad_lines;
    outcome.tally.duplicates = run->duplicates;
  } catch (const sqlite_error& error) {
    // The disk may still be full: the run stays `running`, which --resume accepts too.
    err << "geocrawl: --db " << options.database << ": " << error.what() << "\n";
  }
  out << "run " << job.run_id << " " << to_string(status) << "\n";
  print_crawl_summary(out, outcome.tally, outcome.elapsed, outcome.proxies);
  print_exit_moves(out, outcome.exit_moves);

  switch (outcome.end) {
    case crawl_end::completed: {
      // Before the prune: the numbers continue those of the earlier runs it may remove.
      const bool numbered = number_after_run(options.database, job.run_id, settings.networks, out);
      const bool pruned = prune_after_run(settings.retention, options.database, out, err);
      if (!outcome.tally.views_without_proxy.empty() || outcome.tally.browser_failures() > 0 ||
          outcome.warc_failures > 0 || !numbered)
        return exit_degraded;
      return pruned ? 0 : exit_prune_failed;
    }
    case crawl_end::interrupted:
      err << "geocrawl: interrupted; resume with:\n  "
          << resume_command(job.run_id, options, settings) << "\n";
      return 128 + outcome.signal;
    case crawl_end::failed:
      err << "geocrawl: the crawl stopped: " << outcome.failure
          << "\nwhen that is fixed, resume with:\n  "
          << resume_command(job.run_id, options, settings) << "\n";
      return exit_failed;
  }
  return exit_failed;
}

}  // namespace geocrawl
