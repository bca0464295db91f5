#pragma once
// A crawl run's work list, fetched from every vantage, analysed, compared and stored.
//
// The concurrency rule: one thread runs the io_context — every socket, every limit and
// gate, the proxy pool and the tally live there, so none of them needs a lock. Analysis
// and comparison (gumbo, matching: the CPU-bound half) run on a thread pool of one thread
// per core, so the network never waits for a parser. One writer thread owns the SQLite
// connection that stores results (site_writer). The work list is read in id order, a
// page at a time, so a million-site run holds only the sites in flight. Registrar lookups
// (RDAP) run on the io_context too, each registrable domain once per process and per
// [rdap] refresh_days: their cache is read through a connection of that thread (one indexed
// row per domain) and their results go to the one writer. Proxies are checked again on the
// io_context thread too (exit_rechecker), which changes the pool there; their checks go to
// the writer ahead of the sites whose views rely on them.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "crawler/batch/crawl_progress.hpp"
#include "crawler/config/config.hpp"
#include "crawler/rdap/rdap_bootstrap.hpp"
#include "crawler/store/store.hpp"
#include "crawler/vantage/vantage_plan.hpp"
#include "crawler/warc/warc_file_writer.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

enum class progress_style {
  live_line,  // a line redrawn in place, for a terminal
  log_lines,  // a timestamped line every `log_every`, for a log file or the journal
};

struct crawl_job {
  std::filesystem::path database;
  std::int64_t run_id = 0;
  std::int64_t sites_total = 0;
  std::int64_t done_before = 0;  // sites the run had finished before this process
  run_totals stored_before;      // their verdicts and errors, so progress covers the whole run
  progress_style progress = progress_style::log_lines;
  std::chrono::milliseconds log_every{10'000};
  // After SIGINT/SIGTERM, how long sites in flight may take to finish and be stored before
  // the rest are left pending for --resume.
  std::chrono::milliseconds stop_grace{3'000};
  // Where registrars are looked up; none: [rdap] enabled = false.
  std::optional<rdap_bootstrap> registrars;
  // With --warc or [output] warc_dir: every view also goes to these WARC files.
  std::optional<warc_files> warc;
};

enum class crawl_end {
  completed,    // every site of the work list is finished
  interrupted,  // SIGINT or SIGTERM
  failed,       // the results could not be written (e.g. the disk is full)
};

struct crawl_outcome {
  crawl_end end = crawl_end::completed;
  int signal = 0;       // which signal, when interrupted
  std::string failure;  // why, when failed
  // The first reason WARC output failed and how often it did: the results are stored, the WARC
  // files lack those views.
  std::string warc_failure;
  std::int64_t warc_failures = 0;
  crawl_tally tally;
  std::vector<proxy_usage> proxies;
  std::vector<exit_move> exit_moves;  // proxies a re-check took out of their country's pool
  std::chrono::milliseconds elapsed{0};
};

// Runs until the work list is done, a signal stops it, or writing fails. Progress goes to
// `progress_out`.
crawl_outcome run_crawl(const config& settings, const vantage_plan& plan,
                        const page_analyzer& analyzer, const crawl_job& job,
                        std::ostream& progress_out);

}  // namespace geocrawl
