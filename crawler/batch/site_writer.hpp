#pragma once
// The one writer of a crawl's results: a thread of its own with its own connection, so
// zstd compression and SQLite commits never hold up the network thread. Sites queued
// while a commit runs go into the next transaction together: one commit serves many
// sites under load, and each site is still all in or all out.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "crawler/store/store.hpp"
#include "crawler/warc/warc_file_writer.hpp"

namespace geocrawl {

class site_writer {
 public:
  // Called on `network`'s thread: after the site's transaction committed (stored is false
  // when another process had finished the site already), or never if the write failed; in
  // either case destroyed on `network`'s thread too (or with its io_context), never on the
  // writer's, so it may own what only that thread may touch.
  using on_stored = std::function<void(bool stored)>;
  // Called on `network`'s thread once, with SQLite's message, when a write fails (a full
  // disk, say): the sites of that transaction stay pending and the writer stops taking more.
  using on_failure = std::function<void(const std::string& what)>;

  site_writer(const std::filesystem::path& database, std::int64_t run_id,
              boost::asio::io_context::executor_type network, on_failure failed);
  // With WARC: each site's views are written to the WARC files before its transaction, in
  // the store's order, and the store keeps where. When WARC cannot be written (a full disk),
  // `warc_failed` is called on `network`'s thread with the reason; the sites are still
  // stored, without WARC places, and WARC stays off for the rest of the run.
  site_writer(const std::filesystem::path& database, std::int64_t run_id,
              boost::asio::io_context::executor_type network, on_failure failed,
              std::optional<warc_files> warc, on_failure warc_failed);
  // Writes what is queued, then stops.
  ~site_writer();
  site_writer(const site_writer&) = delete;
  site_writer& operator=(const site_writer&) = delete;

  void submit(finished_site site, on_stored done);
  // A registrar lookup, written with the next transaction.
  void submit_registrar(registrar_record lookup);
  // An exit check made during the crawl, written before any site submitted after it, so the
  // views that relied on it find its row.
  void submit_check(proxy_check check);
  // Writes what is queued and stops the thread; later submissions are dropped.
  void close();

 private:
  struct item {
    finished_site site;
    on_stored done;
  };
  void run();
  void archive(std::vector<finished_site>& sites);

  static constexpr std::size_t max_batch = 128;  // sites per transaction

  store store_;
  std::int64_t run_id_;
  boost::asio::io_context::executor_type network_;
  on_failure failed_;
  std::optional<warc_file_writer> warc_;  // used on the writer thread only
  on_failure warc_failed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<item> queue_;
  std::vector<registrar_record> registrars_;
  std::vector<proxy_check> checks_;
  bool closing_ = false;
  bool broken_ = false;
  std::thread thread_;
};

}  // namespace geocrawl
