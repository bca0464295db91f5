#pragma once
// Proxies checked again while a crawl runs. Proxies sold for a country rotate their exits,
// so a check made when the crawl started says little about a view hours later: every
// [verify] every_s, and at once after a proxy's failure streak, each pool member is checked
// again through the echo URL. A member whose exit is now placed elsewhere leaves its
// country's pool for good (views in flight through it finish and are marked exit_changed);
// one still at home is confirmed, and later views record the new check. Every re-check is
// handed on to be stored.
//
// Runs on the crawl's io_context thread, like the pool it changes (crawl_engine.hpp).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "crawler/batch/exit_move.hpp"
#include "crawler/config/config.hpp"
#include "crawler/http/fetch_environment.hpp"
#include "proxies/exit_check.hpp"
#include "proxies/proxy_pool.hpp"

namespace geocrawl {

// What a re-check means for the member at `index`: confirmed (ok), withdrawn and listed in
// `moves` (mismatch, unverified: it no longer exits where it is declared), or left to the
// circuit breaker (dead: the proxy failed, which says nothing of where it exits).
void apply_recheck(proxy_pool& pool, std::size_t index, const proxy_check& check,
                   std::vector<exit_move>& moves);

class exit_rechecker {
 public:
  using record_check = std::function<void(proxy_check)>;

  // Every reference must outlive the rechecker; `record` gets each re-check as it is made.
  exit_rechecker(const config& settings, proxy_pool& pool, const fetch_environment& environment,
                 record_check record);
  ~exit_rechecker();
  exit_rechecker(const exit_rechecker&) = delete;
  exit_rechecker& operator=(const exit_rechecker&) = delete;

  // Checks every member each [verify] every (or sooner, see check_soon) until stop(): spawn
  // it on the pool's thread. Returns at once when every is 0.
  boost::asio::awaitable<void> run();
  // A member began to rest after a streak of failures: check them all now rather than at
  // the end of the period.
  void check_soon();
  void stop();

  const std::vector<exit_move>& moves() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl
