#include "crawler/batch/crawl_progress.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "crawler/verdict/cloaking_verdict.hpp"
#include "crawler/view/render_errc.hpp"

namespace geocrawl {

namespace {

double per_second(std::int64_t count, std::chrono::milliseconds elapsed) {
  return elapsed.count() > 0
             ? static_cast<double>(count) * 1000.0 / static_cast<double>(elapsed.count())
             : 0.0;
}

std::string clock_time(std::int64_t seconds) {
  return fmt::format("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::int64_t pages(const crawl_tally& tally) { return tally.views + tally.controls; }

std::int64_t errors_total(const crawl_tally& tally) {
  std::int64_t total = 0;
  for (const auto& [code, count] : tally.errors) total += count;
  return total;
}

}  // namespace

std::int64_t crawl_tally::cloaked() const {
  const auto found = verdicts.find(std::string(to_string(cloaking_verdict::cloaked)));
  return found == verdicts.end() ? 0 : found->second;
}

std::int64_t crawl_tally::browser_failures() const {
  std::int64_t failures = 0;
  for (const auto& [code, count] : render_errors) {
    // A code this build does not know is counted as the browser's: never a quiet night.
    const auto value = render_category().value_of(code);
    if (!value || is_browser_failure(static_cast<render_errc>(*value))) failures += count;
  }
  return failures;
}

std::string progress_line(const crawl_tally& tally, std::chrono::milliseconds elapsed) {
  const auto finished = tally.done_before + tally.sites_done;
  const auto percent = tally.sites_total > 0 ? finished * 100 / tally.sites_total : 100;
  const double sites_rate = per_second(tally.sites_done, elapsed);
  std::string eta = "-:--:--";
  if (sites_rate > 0)
    eta = clock_time(
        static_cast<std::int64_t>(static_cast<double>(tally.sites_total - finished) / sites_rate));
  const auto session =
      tally.done_before > 0 ? fmt::format(" ({} this session)", tally.sites_done) : std::string();
  return fmt::format("{}/{} sites {}%{} · {:.1f} pages/s · ETA {} · cloaked {} · errors {}",
                     finished, tally.sites_total, percent, session,
                     per_second(pages(tally), elapsed), eta, tally.cloaked(), errors_total(tally));
}

void print_crawl_summary(std::ostream& out, const crawl_tally& tally,
                         std::chrono::milliseconds elapsed,
                         const std::vector<proxy_usage>& proxies) {
  const auto seconds = static_cast<double>(elapsed.count()) / 1000.0;
  out << fmt::format("sites: {} of {} finished ({} in this session, {} before)\n",
                     tally.done_before + tally.sites_done, tally.sites_total, tally.sites_done,
                     tally.done_before);
  out << fmt::format("input: {} bad lines skipped, {} duplicates\n", tally.bad_lines,
                     tally.duplicates);
  out << "verdicts:";
  if (tally.verdicts.empty()) out << " none";
  for (const auto& [verdict, count] : tally.verdicts) out << fmt::format(" {} {}", verdict, count);
  out << "\n";
  if (!tally.errors.empty()) {
    out << "errors:";
    for (const auto& [code, count] : tally.errors) out << fmt::format(" {} {}", code, count);
    out << "\n";
  }
  out << fmt::format(
      "this session: {} views stored ({} failed), {} control re-fetches of the baseline (compared, "
      "not stored), {} retries\n",
      tally.views, tally.views_failed, tally.controls, tally.retries);
  out << fmt::format("analyses: {} bodies parsed, {} read back from the database\n",
                     tally.analyses_parsed, tally.analyses_read_back);
  if (!tally.favicons.empty()) {
    out << "favicons:";
    for (const auto& [outcome, count] : tally.favicons)
      out << fmt::format(" {} {}", outcome, count);
    out << " (this session; an icon not hashed fails no site)\n";
  }
  for (const auto& proxy : proxies) {
    out << fmt::format("proxy {} ({}): {} views, {} proxy failures{}\n", proxy.name, proxy.country,
                       proxy.leases, proxy.faults, proxy.resting ? ", resting" : "");
  }
  if (tally.rendered > 0) {
    std::int64_t failed = 0;
    std::string codes;
    for (const auto& [code, count] : tally.render_errors) {
      failed += count;
      codes += fmt::format(" {} {}", code, count);
    }
    out << fmt::format("rendered: {} views, {} with a render error{}{}\n", tally.rendered, failed,
                       codes.empty() ? "" : ":", codes);
  }
  for (const auto& [vantage, views] : tally.views_without_proxy) {
    out << fmt::format("degraded: vantage {} had no usable proxy for {} of its views\n", vantage,
                       views);
  }
  if (const auto failures = tally.browser_failures(); failures > 0) {
    out << fmt::format("degraded: the browser failed {} rendered views ({})\n", failures,
                       browser_failure_codes);
  }
  out << fmt::format("elapsed: {} ({:.1f} s), {:.1f} pages/s, {:.1f} sites/s\n",
                     clock_time(static_cast<std::int64_t>(seconds)), seconds,
                     per_second(pages(tally), elapsed), per_second(tally.sites_done, elapsed));
}

void print_exit_moves(std::ostream& out, const std::vector<exit_move>& moves) {
  for (const auto& move : moves) {
    out << fmt::format("exit moved: proxy {} left the {} pool at {}: a re-check placed it {}\n",
                       move.proxy, move.from, move.at,
                       move.to.empty() ? std::string("nowhere GeoIP agrees on") : "in " + move.to);
  }
}

}  // namespace geocrawl
