#include "crawler/batch/site_writer.hpp"

#include <memory>

#include <boost/asio/post.hpp>

#include "crawler/store/sqlite.hpp"
#include "crawler/warc/site_archive.hpp"

namespace geocrawl {

site_writer::site_writer(const std::filesystem::path& database, std::int64_t run_id,
                         boost::asio::io_context::executor_type network, on_failure failed)
    : site_writer(database, run_id, network, std::move(failed), std::nullopt, {}) {}

site_writer::site_writer(const std::filesystem::path& database, std::int64_t run_id,
                         boost::asio::io_context::executor_type network, on_failure failed,
                         std::optional<warc_files> warc, on_failure warc_failed)
    : store_(database),
      run_id_(run_id),
      network_(network),
      failed_(std::move(failed)),
      warc_failed_(std::move(warc_failed)) {
  if (warc) warc_.emplace(std::move(*warc));
  // Started last: the thread reads the members above.
  thread_ = std::thread([this] { run(); });
}

site_writer::~site_writer() { close(); }

void site_writer::submit(finished_site site, on_stored done) {
  {
    std::lock_guard lock(mutex_);
    if (closing_ || broken_) return;
    queue_.push_back({std::move(site), std::move(done)});
  }
  wake_.notify_one();
}

void site_writer::submit_registrar(registrar_record lookup) {
  {
    std::lock_guard lock(mutex_);
    if (closing_ || broken_) return;
    registrars_.push_back(std::move(lookup));
  }
  wake_.notify_one();
}

void site_writer::submit_check(proxy_check check) {
  {
    std::lock_guard lock(mutex_);
    if (closing_ || broken_) return;
    checks_.push_back(std::move(check));
  }
  wake_.notify_one();
}

void site_writer::close() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void site_writer::archive(std::vector<finished_site>& sites) {
  if (!warc_) return;
  for (auto& site : sites) {
    try {
      archive_site(*warc_, site.views, site.verdict);
    } catch (const warc_field_error& error) {
      // This site's data cannot be written as a WARC field; the next site may.
      boost::asio::post(
          network_, [failed = warc_failed_, what = std::string(error.what())] { failed(what); });
    } catch (const warc_write_error& error) {
      // A finished site is never held back by its archive copy: the database is the record.
      warc_.reset();
      boost::asio::post(
          network_, [failed = warc_failed_, what = std::string(error.what())] { failed(what); });
      return;
    }
  }
}

void site_writer::run() {
  for (;;) {
    std::vector<item> batch;
    std::vector<registrar_record> registrars;
    std::vector<proxy_check> checks;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] {
        return closing_ || !queue_.empty() || !registrars_.empty() || !checks_.empty();
      });
      // Closing, and everything is written.
      if (queue_.empty() && registrars_.empty() && checks_.empty()) return;
      while (!queue_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      registrars.swap(registrars_);
      checks.swap(checks_);
    }
    if (!registrars.empty()) {
      try {
        store_.record_registrars(registrars);
      } catch (const sqlite_error&) {
        // A registrar is extra evidence: losing a lookup costs one more lookup next run, and
        // never the crawl. A database that cannot be written fails the sites' write below.
      }
    }
    std::vector<finished_site> sites;
    sites.reserve(batch.size());
    for (auto& queued : batch) sites.push_back(std::move(queued.site));
    archive(sites);
    std::vector<bool> stored;
    try {
      // The checks first: they were submitted before every site of this batch that relied on
      // them. A check that cannot be written is evidence lost, so it fails like a site.
      if (!checks.empty()) store_.record_proxy_checks(run_id_, checks);
      if (!sites.empty()) stored = store_.finish_sites(run_id_, sites);
    } catch (const sqlite_error& error) {
      // Neither this batch nor the queue will be stored, and their callbacks are never called;
      // but they hold what belongs to the network thread (a crawl's slot tickets, whose release
      // wakes that thread's coroutines), so they are let go there, never on this thread.
      auto unwritten = std::make_shared<std::vector<on_stored>>();
      for (auto& queued : batch) unwritten->push_back(std::move(queued.done));
      {
        std::lock_guard lock(mutex_);
        broken_ = true;
        for (auto& queued : queue_) unwritten->push_back(std::move(queued.done));
        queue_.clear();
      }
      boost::asio::post(network_, [failed = failed_, what = std::string(error.what()),
                                   unwritten = std::move(unwritten)] { failed(what); });
      return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      boost::asio::post(
          network_, [done = std::move(batch[i].done), was_stored = static_cast<bool>(stored[i])] {
            done(was_stored);
          });
    }
  }
}

}  // namespace geocrawl
