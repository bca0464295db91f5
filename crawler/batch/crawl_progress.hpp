#pragma once
// What a crawl has done so far, and how it is told: a live line on a terminal, a log line
// every few seconds otherwise, and the summary at the end. Counted on the network thread.
#include <chrono>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace geocrawl {

struct crawl_tally {
  std::int64_t sites_total = 0;  // the run's work list
  std::int64_t done_before = 0;  // finished by earlier attempts of the run (resumed)
  std::int64_t sites_done = 0;   // finished and stored by this process
  std::int64_t views = 0;
  std::int64_t views_failed = 0;
  std::int64_t retries = 0;
  std::map<std::string, std::int64_t> verdicts;  // site verdicts; "single view" when not compared
  std::map<std::string, std::int64_t> errors;    // views' error codes

  std::int64_t cloaked() const;
};

// "1234/3000 sites 41% · 215.3 pages/s · ETA 0:08:12 · cloaked 12 · errors 5"
std::string progress_line(const crawl_tally& tally, std::chrono::milliseconds elapsed);

struct proxy_usage {
  std::string name;
  std::string country;
  std::uint64_t leases = 0;
  std::uint64_t faults = 0;
  bool resting = false;
};

void print_crawl_summary(std::ostream& out, const crawl_tally& tally,
                         std::chrono::milliseconds elapsed,
                         const std::vector<proxy_usage>& proxies);

}  // namespace geocrawl
