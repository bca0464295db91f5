#pragma once
// geocrawl's SQLite database: runs, sites, views, bodies and proxy checks. One transaction per
// site, so a crash loses no finished site and leaves no half-written one.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/store/network_reader.hpp"
#include "crawler/store/registrar_record.hpp"
#include "crawler/store/run_kind.hpp"
#include "crawler/store/run_presence.hpp"
#include "crawler/store/run_shard.hpp"
#include "crawler/store/run_status.hpp"
#include "crawler/store/site_entry.hpp"
#include "crawler/verdict/analysis_archive.hpp"
#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"
#include "proxies/exit_check.hpp"

namespace geocrawl {

class sqlite_db;

struct run_record {
  run_kind command = run_kind::fetch;
  std::string config_source;       // config file path or "built-in default"
  std::string input;               // the URL or the sites file
  std::string config_hash;         // of the effective config, secrets left out
  std::string run_label;           // shared by one night's shards, which merge folds into one run
  std::optional<run_shard> shard;  // the slice of the list it crawls; nullopt: all of it
};

// A run as stored, for resuming it and for reports.
struct run_info {
  std::int64_t id = 0;
  run_kind command = run_kind::fetch;
  run_status status = run_status::running;
  std::string started_at;
  std::string finished_at;  // empty while the run is not finished
  std::string config_source;
  std::string input;
  std::string config_hash;
  std::string run_label;           // empty for a run from before labels
  std::optional<run_shard> shard;  // nullopt: the whole list
  std::int64_t sites_total = 0;
  std::int64_t sites_done = 0;
  std::int64_t bad_lines = 0;
  std::int64_t duplicates = 0;
  bool abandoned = false;  // failed for good: `geocrawl runs abandon`
  run_lookup presence;     // whether `geocrawl prune` removed it
};

// How a run's finished sites came out, over all its sessions.
struct run_totals {
  std::map<std::string, std::int64_t> verdicts;  // "single view" for a site not compared
  std::map<std::string, std::int64_t> errors;    // views' error codes
  // Per vantage: its views stored without a proxy to fetch through (no_proxy_for_country) —
  // the vantage had no usable proxy at start, or lost every one during the run.
  std::map<std::string, std::int64_t> views_without_proxy;
  std::int64_t rendered = 0;                          // rendered views (a render = true vantage's)
  std::map<std::string, std::int64_t> render_errors;  // of them, by render error code
};

// A site of a crawl's work list still to be fetched.
struct pending_site {
  std::int64_t id = 0;
  std::string url;
  std::string fallback_url;  // http:// for a bare domain, tried when https fails
};

// A site fetched, analysed and compared, ready to be stored.
struct finished_site {
  std::int64_t id = 0;
  std::vector<view> views;
  site_comparison verdict;
  std::vector<archived_analysis> analyses;  // computed for it, kept for reuse
};

class store {
 public:
  // Opens or creates the file, turns on WAL and foreign keys, and migrates the schema
  // forward. Throws sqlite_error (e.g. for a database from a newer geocrawl).
  explicit store(const std::filesystem::path& file);
  ~store();

  // This database's identity, a UUID written on its first open: what a merge target records a
  // merged shard by, so the same file merged twice (or copied) is recognised.
  std::string database_identity();

  // --- runs (store_runs.cpp) ---
  std::int64_t begin_run(const run_record& run);
  void finish_run(std::int64_t run_id, run_status status);
  // A run left unfinished (killed, interrupted, failed) goes on: status back to running.
  void reopen_run(std::int64_t run_id);
  // A run that will never finish is marked failed for good: --resume no longer takes it.
  void abandon_run(std::int64_t run_id);

  std::optional<run_info> find_run(std::int64_t run_id);
  // Whether the run is there, was pruned (and when), or never existed.
  run_lookup look_up(std::int64_t run_id);
  // The newest crawl run that is neither done nor abandoned, if any.
  std::optional<run_info> latest_unfinished_crawl();
  // Every run, newest first.
  std::vector<run_info> all_runs();
  run_totals totals_of(std::int64_t run_id);

  // --- a crawl's work list (store_runs.cpp) ---
  // Adds sites to the run's work list, and the lines of the sites file rejected with them, in
  // one transaction; returns how many sites were new (the others were already listed:
  // duplicates).
  std::size_t add_sites(std::int64_t run_id, const std::vector<site_entry>& sites,
                        const std::vector<site_line_error>& rejected = {});
  // The rejected lines of the run's sites file, in line order.
  std::vector<site_line_error> input_errors(std::int64_t run_id);
  // Marks the work list complete: until this is written, sites_total is 0.
  void set_run_input(std::int64_t run_id, std::int64_t sites_total, std::int64_t bad_lines,
                     std::int64_t duplicates);
  // Empties the work list of unfinished sites, and forgets the rejected lines, so a list cut
  // short can be loaded again.
  void discard_partial_list(std::int64_t run_id);
  // Unfinished sites with id > after_id, in id order, at most `limit`.
  std::vector<pending_site> pending_sites(std::int64_t run_id, std::int64_t after_id,
                                          std::size_t limit);

  // --- evidence (store_evidence.cpp) ---
  // Stores each site's views and comparisons and marks it finished, all in one
  // transaction. A site finished already (by another process resuming the same run) is
  // left as it is, so no site is ever stored twice. Returns, per site, whether it was stored.
  std::vector<bool> finish_sites(std::int64_t run_id, const std::vector<finished_site>& sites);

  // The proxy checks made for the run, in one transaction. The URLs are redacted already.
  void record_proxy_checks(std::int64_t run_id, const std::vector<proxy_check>& checks);
  // Every proxy's newest check made at or after `not_before` (UTC, ISO 8601), when it was ok,
  // marked reused: what a command may rely on instead of checking again ([verify] every_s).
  std::vector<proxy_check> recent_proxy_checks(std::string_view not_before);

  // Stores a site with all its views and their comparisons in one transaction; returns
  // the site id.
  std::int64_t record_site(std::int64_t run_id, std::string_view url,
                           const std::vector<view>& views, const site_comparison& verdict);

  // --- registrars (store_registrars.cpp) ---
  // The newest lookup of `domain` made at or after `not_before` (UTC, ISO 8601), found or
  // failed: the cache [rdap] refresh_days reuses.
  std::optional<registrar_record> recent_registrar(std::string_view domain,
                                                   std::string_view not_before);
  // Lookups, in one transaction. A lookup is kept beside the earlier ones of its domain.
  void record_registrars(const std::vector<registrar_record>& records);

  // --- networks (store_networks.cpp) ---
  // The run's networks as numbered, in place of any numbered for it before.
  void record_networks(std::int64_t run_id, const std::vector<network_member_row>& members);

  // --- analyses (stored_analyses.cpp) ---
  // Keeps page analyses for reuse by later sites and runs (stored_analyses reads them);
  // one already kept is left as it is. Inside the caller's transaction, if any.
  void keep_analyses(const std::vector<archived_analysis>& analyses);

 private:
  void insert_results(std::int64_t site_id, const std::vector<view>& views,
                      const site_comparison& verdict);
  std::int64_t insert_view(std::int64_t site_id, const view& record);
  void insert_body(const std::string& sha256, const std::string& body);
  void insert_analysis(std::int64_t view_id, const page_analysis& analysis);
  // store_rendered.cpp
  void insert_rendered(std::int64_t view_id, const rendered_page& page);
  void insert_favicon(std::int64_t view_id, const favicon_fetch& icon);

  std::unique_ptr<sqlite_db> db_;
};

// The schema version this build writes (PRAGMA user_version).
std::int64_t store_schema_version();

}  // namespace geocrawl
