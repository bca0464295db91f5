#pragma once
// `geocrawl crawl`: a batch run over a sites file, or the resumption of an unfinished one.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace geocrawl {

struct crawl_command_options {
  std::optional<std::string> sites_file;  // a new run over this list
  bool resume = false;                    // or: go on with an unfinished run
  std::optional<std::int64_t> run_id;     // which one (default: the newest unfinished)
  std::optional<std::string> config_file;
  std::string database = "geocrawl.db";
  double log_every_s = 10;  // progress line interval when stderr is not a terminal
  // Crawl even when a vantage has no usable proxy at the start (its views then fail with
  // no_proxy_for_country, and the run ends degraded) instead of refusing to start.
  bool allow_missing_vantages = false;
  std::optional<std::string> warc_dir;  // overrides [output] warc_dir
  // Only the sites of one shard of the list: "I/N", or "auto" for a Slurm array task's or a
  // Kubernetes Indexed Job pod's (crawler/batch/shard_environment); nullopt: the whole list.
  std::optional<std::string> shard;
  std::optional<std::uint32_t> shards;   // --shards N: the count for JOB_COMPLETION_INDEX
  std::optional<std::string> run_label;  // shared by a night's shards; default: a new UUID
};

// Exit status: 0 when the run completed (some sites may have failed: that is a result),
// 1 when it could not run (a vantage without a usable proxy, no site in the list) or its
// results could not be written, 3 when it completed degraded (some vantage had no usable
// proxy for some of its views), 128 + the signal number when SIGINT or SIGTERM interrupted
// it (it can be resumed). The first line printed is "run label: <label>". Throws usage_error /
// config_error for exit status 2.
int run_crawl_command(const crawl_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
