#include "crawler/batch/crawl_progress.hpp"

#include <sstream>

#include <doctest/doctest.h>

namespace geocrawl {

using namespace std::chrono_literals;

TEST_CASE("the progress line counts the run's sites, this session's pace and the ETA") {
  crawl_tally tally;
  tally.sites_total = 1000;
  tally.done_before = 100;
  tally.sites_done = 200;
  tally.views = 600;
  tally.verdicts = {{"cloaked", 12}, {"consistent", 180}};
  tally.errors = {{"timeout", 3}, {"dns", 2}};
  // 200 sites in 20 s: 10 sites/s, 700 left: 70 s.
  CHECK(progress_line(tally, 20s) ==
        "300/1000 sites 30% · 30.0 pages/s · ETA 0:01:10 · cloaked 12 · errors 5");
  tally.sites_done = 0;
  tally.views = 0;
  CHECK(progress_line(tally, 0s) ==
        "100/1000 sites 10% · 0.0 pages/s · ETA -:--:-- · cloaked 12 · errors 5");
}

TEST_CASE("the summary gives verdicts, errors by code, proxies and the pace") {
  crawl_tally tally;
  tally.sites_total = 3;
  tally.sites_done = 3;
  tally.views = 9;
  tally.views_failed = 2;
  tally.retries = 1;
  tally.verdicts = {{"cloaked", 1}, {"consistent", 2}};
  tally.errors = {{"timeout", 2}};
  std::ostringstream out;
  print_crawl_summary(out, tally, 3s, {{"jp-1", "JP", 6, 1, true}});
  CHECK(out.str() ==
        "sites: 3 of 3 finished (3 in this session, 0 before)\n"
        "verdicts: cloaked 1 consistent 2\n"
        "views: 9 fetched, 2 failed, 1 retries\n"
        "errors: timeout 2\n"
        "proxy jp-1 (JP): 6 views, 1 proxy failures, resting\n"
        "elapsed: 0:00:03 (3.0 s), 3.0 pages/s, 1.0 sites/s\n");
}

}  // namespace geocrawl
