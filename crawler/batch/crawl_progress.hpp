#pragma once
// What a crawl has done so far, and how it is told: a live line on a terminal, a log line
// every few seconds otherwise, and the summary at the end. Counted on the network thread.
// Sites, verdicts and errors cover the whole run (a resumed run starts from what its earlier
// sessions stored); views, control re-fetches and retries are this session's, and say so.
#include <chrono>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "crawler/batch/exit_move.hpp"

namespace geocrawl {

struct crawl_tally {
  std::int64_t sites_total = 0;  // the run's work list
  std::int64_t done_before = 0;  // finished by earlier attempts of the run (resumed)
  std::int64_t sites_done = 0;   // finished and stored by this process
  std::int64_t bad_lines = 0;    // lines of the sites file rejected (kept with the run)
  std::int64_t duplicates = 0;   // lines of the sites file naming a site listed already
  // This session: the views stored (one per vantage and site) and how many of them failed,
  // the control re-fetches of the baseline (compared, never stored), and the extra attempts
  // of views that failed transiently.
  std::int64_t views = 0;
  std::int64_t views_failed = 0;
  std::int64_t controls = 0;
  std::int64_t retries = 0;
  // This session's page analyses: bodies parsed, and analyses read back from the database
  // (kept by earlier runs) instead; the rest were reused from memory.
  std::int64_t analyses_parsed = 0;
  std::int64_t analyses_read_back = 0;
  // This session's favicon fetches (one per site with a view that succeeded), stored, by
  // outcome word (crawler/view/favicon_fetch.hpp). One that is not hashed fails neither the
  // site nor the run.
  std::map<std::string, std::int64_t> favicons;
  // The whole run's stored sites and views.
  std::map<std::string, std::int64_t> verdicts;  // site verdicts; "single view" when not compared
  std::map<std::string, std::int64_t> errors;    // stored views' error codes
  // Per vantage: stored views that had no usable proxy (a degraded run), read from the store
  // at the end.
  std::map<std::string, std::int64_t> views_without_proxy;
  // The whole run's rendered views (of render = true vantages) and their render error codes.
  std::int64_t rendered = 0;
  std::map<std::string, std::int64_t> render_errors;

  std::int64_t cloaked() const;
  // Rendered views the browser failed (render_errc's is_browser_failure): a degraded run.
  std::int64_t browser_failures() const;
};

// "1234/3000 sites 41% · 215.3 pages/s · ETA 0:08:12 · cloaked 12 · errors 5"; a resumed run
// adds how many sites this session finished: "1234/3000 sites 41% (234 this session) · ...".
// Pages are the views and control re-fetches of this session.
std::string progress_line(const crawl_tally& tally, std::chrono::milliseconds elapsed);

struct proxy_usage {
  std::string name;
  std::string country;
  std::uint64_t leases = 0;
  std::uint64_t faults = 0;
  bool resting = false;
};

// The proxies taken out of their country's pool during the run, one line each; nothing when
// none moved.
void print_exit_moves(std::ostream& out, const std::vector<exit_move>& moves);

void print_crawl_summary(std::ostream& out, const crawl_tally& tally,
                         std::chrono::milliseconds elapsed,
                         const std::vector<proxy_usage>& proxies);

}  // namespace geocrawl
