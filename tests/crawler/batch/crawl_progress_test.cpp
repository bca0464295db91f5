#include "crawler/batch/crawl_progress.hpp"

#include <sstream>

#include <doctest/doctest.h>

namespace geocrawl {

using namespace std::chrono_literals;

namespace {

// 1000 sites, 300 of them finished; 600 pages (views and controls) fetched for them.
crawl_tally three_tenths_done() {
  crawl_tally tally;
  tally.sites_total = 1000;
  tally.sites_done = 300;
  tally.views = 400;
  tally.controls = 200;
  tally.verdicts = {{"cloaked", 12}, {"consistent", 180}};
  tally.errors = {{"timeout", 3}, {"dns", 2}};
  return tally;
}

}  // namespace

TEST_CASE("the progress line counts the run's sites, this session's pace and the ETA") {
  // 300 sites in 20 s: 15 sites/s, 700 left: 46 s.
  CHECK(progress_line(three_tenths_done(), 20s) ==
        "300/1000 sites 30% · 30.0 pages/s · ETA 0:00:46 · cloaked 12 · errors 5");
}

TEST_CASE("a resumed run's progress line counts the whole run and says what is this session's") {
  auto tally = three_tenths_done();
  tally.done_before = 100;
  tally.sites_done = 200;
  // 200 sites in 20 s: 10 sites/s, 700 left: 70 s.
  CHECK(progress_line(tally, 20s) ==
        "300/1000 sites 30% (200 this session) · 30.0 pages/s · ETA 0:01:10 · cloaked 12 · "
        "errors 5");
  tally.sites_done = 0;
  tally.views = 0;
  tally.controls = 0;
  CHECK(progress_line(tally, 0s) ==
        "100/1000 sites 10% (0 this session) · 0.0 pages/s · ETA -:--:-- · cloaked 12 · errors "
        "5");
}

TEST_CASE("the summary keeps stored views apart from control re-fetches and retries") {
  crawl_tally tally;
  tally.sites_total = 3;
  tally.sites_done = 3;
  tally.bad_lines = 4;
  tally.duplicates = 1;
  tally.views = 6;
  tally.views_failed = 2;
  tally.controls = 3;
  tally.retries = 1;
  tally.analyses_parsed = 2;
  tally.analyses_read_back = 1;
  tally.verdicts = {{"cloaked", 1}, {"consistent", 2}};
  tally.errors = {{"timeout", 2}};
  std::ostringstream out;
  print_crawl_summary(out, tally, 3s, {{"jp-1", "JP", 6, 1, true}});
  CHECK(out.str() ==
        "sites: 3 of 3 finished (3 in this session, 0 before)\n"
        "input: 4 bad lines skipped, 1 duplicates\n"
        "verdicts: cloaked 1 consistent 2\n"
        "errors: timeout 2\n"
        "this session: 6 views stored (2 failed), 3 control re-fetches of the baseline (compared, "
        "not stored), 1 retries\n"
        "analyses: 2 bodies parsed, 1 read back from the database\n"
        "proxy jp-1 (JP): 6 views, 1 proxy failures, resting\n"
        "elapsed: 0:00:03 (3.0 s), 3.0 pages/s, 1.0 sites/s\n");
}

TEST_CASE("the summary counts favicon fetches by outcome, only when there were any") {
  crawl_tally tally;
  std::ostringstream none;
  print_crawl_summary(none, tally, 0s, {});
  CHECK(none.str().find("favicons") == std::string::npos);
  tally.favicons = {{"hashed", 7}, {"http_error", 2}, {"oversize", 1}};
  std::ostringstream out;
  print_crawl_summary(out, tally, 0s, {});
  CHECK(out.str().find("favicons: hashed 7 http_error 2 oversize 1 (this session; an icon not "
                       "hashed fails no site)\n") != std::string::npos);
}

TEST_CASE("the summary names each vantage that had no usable proxy for some of its views") {
  crawl_tally tally;
  tally.views_without_proxy = {{"jp", 30}, {"us", 2}};
  std::ostringstream out;
  print_crawl_summary(out, tally, 0s, {});
  CHECK(out.str().find("degraded: vantage jp had no usable proxy for 30 of its views\n"
                       "degraded: vantage us had no usable proxy for 2 of its views\n") !=
        std::string::npos);
}

TEST_CASE("the summary counts rendered views by error, and the browser's own failures degrade") {
  crawl_tally tally;
  std::ostringstream none;
  print_crawl_summary(none, tally, 0s, {});
  CHECK(none.str().find("rendered") == std::string::npos);

  tally.rendered = 40;
  std::ostringstream clean;
  print_crawl_summary(clean, tally, 0s, {});
  CHECK(clean.str().find("rendered: 40 views, 0 with a render error\n") != std::string::npos);

  // Pages out of time or windows are the sites' results: no degraded line.
  tally.render_errors = {{"render_targets", 2}, {"render_timeout", 3}};
  CHECK(tally.browser_failures() == 0);
  std::ostringstream sites_own;
  print_crawl_summary(sites_own, tally, 0s, {});
  CHECK(sites_own.str().find(
            "rendered: 40 views, 5 with a render error: render_targets 2 render_timeout 3\n") !=
        std::string::npos);
  CHECK(sites_own.str().find("degraded") == std::string::npos);

  // A browser that died, would not start or refused DevTools failed the run; a code this build
  // does not know is counted with them.
  tally.render_errors["render_crashed"] = 1;
  tally.render_errors["render_unavailable"] = 4;
  tally.render_errors["render_protocol"] = 1;
  tally.render_errors["render_from_a_newer_build"] = 1;
  CHECK(tally.browser_failures() == 7);
  std::ostringstream degraded;
  print_crawl_summary(degraded, tally, 0s, {});
  CHECK(degraded.str().find("degraded: the browser failed 7 rendered views (render_unavailable, "
                            "render_crashed or render_protocol)\n") != std::string::npos);
}

}  // namespace geocrawl
