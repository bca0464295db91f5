// The crawl's writer thread when the database stops taking writes: the sites it could not store
// are never reported stored, and their callbacks, which own the network thread's slot tickets,
// are let go on the network thread. Under ASan a full disk once had the writer release those
// tickets itself, racing the network thread's coroutines (a use after free).
#include "crawler/batch/site_writer.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "crawler/store/sqlite.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {
namespace {

// Records the thread it is destroyed on.
class destroyed_on {
 public:
  explicit destroyed_on(std::atomic<std::thread::id>& where) : where_(where) {}
  destroyed_on(const destroyed_on&) = delete;
  destroyed_on& operator=(const destroyed_on&) = delete;
  ~destroyed_on() { where_ = std::this_thread::get_id(); }

 private:
  std::atomic<std::thread::id>& where_;
};

view plain_view() {
  view record;
  record.vantage = "direct";
  record.requested_url = "http://shop.example/";
  record.final_url = "http://shop.example/";
  record.status = 200;
  record.content_type = "text/html";
  record.body = "<p>shop</p>";
  record.sha256 = "sha-shop";
  record.fetched_at = "2026-12-07T00:00:00.000Z";
  return record;
}

}  // namespace

TEST_CASE("site writer: a failed write lets the sites' callbacks go on the network thread") {
  testing::temp_dir dir;
  const auto path = dir.path() / "crawl.db";
  std::int64_t run = 0;
  std::vector<pending_site> pending;
  {
    store database(path);
    run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt", ""});
    std::vector<site_entry> entries;
    for (int i = 0; i < 20; ++i)
      entries.push_back({.line = static_cast<std::size_t>(i + 1),
                         .url = "http://s" + std::to_string(i) + ".example/",
                         .fallback_url = "",
                         .labels_json = ""});
    database.add_sites(run, entries);
    pending = database.pending_sites(run, 0, 100);
  }
  REQUIRE(pending.size() == 20);

  // Before the io_context: its handlers, destroyed with it, refer to these.
  std::atomic<bool> failed{false};
  std::atomic<int> reported{0};
  std::vector<std::unique_ptr<std::atomic<std::thread::id>>> released;
  boost::asio::io_context network;
  {
    auto busy = boost::asio::make_work_guard(network);
    site_writer writer(path, run, network.get_executor(),
                       [&](const std::string&) { failed = true; });
    // Another connection takes away the table every view goes to: the writer's next
    // transaction fails as on a full disk.
    sqlite_db(path).exec("DROP TABLE views");
    for (const auto& site : pending) {
      released.push_back(std::make_unique<std::atomic<std::thread::id>>());
      auto owned = std::make_shared<destroyed_on>(*released.back());
      writer.submit({site.id, {plain_view()}, {}}, [owned, &reported](bool) { ++reported; });
    }
    // Bounded (at most 5 s): the failure is posted within a transaction's time.
    for (int turn = 0; turn < 500 && !failed; ++turn)
      network.run_for(std::chrono::milliseconds(10));
    REQUIRE(failed);
  }
  network.restart();
  network.run();
  CHECK(reported == 0);
  for (const auto& where : released) CHECK(*where == std::this_thread::get_id());
}

}  // namespace geocrawl
