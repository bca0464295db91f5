#include "crawler/batch/crawl_engine.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <thread>
#include <unordered_set>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/async/async_limit.hpp"
#include "crawler/async/gather.hpp"
#include "crawler/async/keyed_gate.hpp"
#include "crawler/batch/exit_rechecker.hpp"
#include "crawler/batch/plain_http_fallback.hpp"
#include "crawler/batch/retry_policy.hpp"
#include "crawler/batch/site_writer.hpp"
#include "crawler/batch/view_rendering.hpp"
#include "crawler/domain/registrable_domain.hpp"
#include "crawler/rdap/rdap_client.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/store/stored_analyses.hpp"
#include "crawler/vantage/geoip_databases.hpp"
#include "crawler/vantage/network_session.hpp"
#include "crawler/vantage/proxy_check.hpp"
#include "crawler/vantage/vantage_visit.hpp"
#include "crawler/verdict/site_verdict.hpp"
#include "crawler/view/site_favicon.hpp"
#include "crawler/view/timestamp.hpp"
#include "parsers/web_url.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t work_list_page = 512;  // pending sites read at a time
constexpr std::chrono::milliseconds live_line_every{500};
// Registrar lookups waiting for their server: past this many, a finished site waits before
// queueing its domain's, so a slow registry bounds memory rather than growing a queue.
constexpr std::size_t registrar_backlog = 4096;

// The per-host limit and politeness apply to the host name a site's URL starts at.
std::string host_key(const std::string& url) {
  const auto parsed = parse_web_url(url);
  return parsed ? connect_host(*parsed) : url;
}

// Runs on the analysis pool: gumbo and the matchers never hold up a socket.
asio::awaitable<settled_site> settle_off_network(std::vector<view> fetched,
                                                 const vantage_plan& plan,
                                                 analysis_cache& analyses) {
  co_return settle_site(std::move(fetched), plan.vantages.size(), plan.baseline, analyses);
}

// Analyses held in memory for reuse within the run: a parked page's, served by a thousand
// domains, stays; a shop's own pages pass through. Bounded, so memory stays flat however
// many sites a run has; what falls out is still found in the database.
constexpr std::size_t analyses_in_memory_bytes = 32 << 20;

std::size_t analysis_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

// Enough sites to keep every fetch slot busy, plus a few being analysed and written.
// Memory is bounded by this: at most (sites x views per site) bodies are held.
std::size_t sites_in_flight_limit(const config& settings, const vantage_plan& plan) {
  return static_cast<std::size_t>(settings.crawl.concurrency) / views_per_site(plan) + 1 +
         2 * analysis_threads();
}

class crawl_engine {
 public:
  crawl_engine(const config& settings, const vantage_plan& plan, const page_analyzer& analyzer,
               const crawl_job& job, std::ostream& progress_out)
      : settings_(settings),
        plan_(plan),
        archive_(job.database),
        analyses_(analyzer, analyses_in_memory_bytes, &archive_),
        job_(job),
        out_(progress_out),
        pool_(plan.usable, settings.proxy_breaker),
        fetch_slots_(static_cast<std::size_t>(settings.crawl.concurrency)),
        site_slots_(sites_in_flight_limit(settings, plan)),
        hosts_([per_host = settings.crawl.per_host](
                   std::string_view) { return static_cast<std::size_t>(per_host); },
               settings.crawl.host_delay),
        countries_([this](std::string_view country) { return country_capacity(country); },
                   std::chrono::milliseconds(0)),
        session_(settings, job.warc ? wire_capture::on : wire_capture::off),
        rendering_(session_.io(), session_.environment(), settings, plan.vantages),
        analysis_(analysis_threads()),
        signals_(session_.io(), SIGINT, SIGTERM) {
    tally_.sites_total = job.sites_total;
    tally_.done_before = job.done_before;
    tally_.verdicts = job.stored_before.verdicts;
    tally_.errors = job.stored_before.errors;
  }

  crawl_outcome run() {
    started_ = clock::now();
    auto& io = session_.io();
    writer_.emplace(
        job_.database, job_.run_id, io.get_executor(),
        [this](const std::string& what) { writing_failed(what); }, job_.warc,
        [this](const std::string& what) {
          if (outcome_.warc_failures++ == 0) outcome_.warc_failure = what;
        });
    if (job_.registrars) {
      registrar_cache_.emplace(job_.database);
      rdap_.emplace(settings_.rdap, *job_.registrars, session_.environment());
    }
    if (settings_.verify.mode == verify_mode::per_site) {
      bracket_geoip_.emplace(open_geoip_databases(settings_));
      brackets_.emplace(
          per_site_brackets(settings_, *bracket_geoip_, session_.environment(),
                            [this](const proxy_check& check) { writer_->submit_check(check); }));
    }
    // Re-checks need the echo URL: without it no proxy was verified in the first place.
    if (settings_.verify.mode != verify_mode::off && !settings_.verify.echo_url.empty()) {
      rechecker_.emplace(settings_, pool_, session_.environment(),
                         [this](proxy_check check) { writer_->submit_check(std::move(check)); });
      pool_.on_rest([this](std::size_t) { rechecker_->check_soon(); });
      asio::co_spawn(io, rechecker_->run(), [this](std::exception_ptr failure) {
        on_task_end(failure, "re-checking proxies");
      });
    }
    asio::co_spawn(io, feed_sites(), [this](std::exception_ptr failure) {
      on_task_end(failure, "reading the work list");
    });
    asio::co_spawn(io, watch_signals(), [this](std::exception_ptr failure) {
      on_task_end(failure, "watching signals");
    });
    asio::co_spawn(io, report_progress(), [this](std::exception_ptr failure) {
      on_task_end(failure, "reporting progress");
    });
    io.run();
    if (job_.progress == progress_style::live_line)
      out_ << "\r\033[K" << progress_line(tally_, elapsed()) << "\n";
    // What is queued is still written: a site fetched and settled is not thrown away.
    writer_->close();
    outcome_.tally = tally_;
    outcome_.tally.analyses_parsed = static_cast<std::int64_t>(analyses_.parses());
    outcome_.tally.analyses_read_back = static_cast<std::int64_t>(analyses_.archive_hits());
    outcome_.elapsed = elapsed();
    if (rechecker_) outcome_.exit_moves = rechecker_->moves();
    for (std::size_t i = 0; i < pool_.size(); ++i) {
      const auto health = pool_.health_of(i, clock::now());
      outcome_.proxies.push_back({pool_.member(i).name, pool_.member(i).country, health.leases,
                                  health.faults, health.resting});
    }
    return outcome_;
  }

 private:
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started_);
  }

  // A country's views in flight are capped at what its proxies can take together, so
  // views queue here rather than time out waiting for a proxy below its cap.
  std::size_t country_capacity(std::string_view country) const {
    std::size_t capacity = 0;
    for (const auto& proxy : plan_.usable) {
      if (proxy.country == country) capacity += static_cast<std::size_t>(proxy.max_connections);
    }
    return std::max<std::size_t>(capacity,
                                 1);  // none: its views fail at once with no_proxy_for_country
  }

  asio::awaitable<void> feed_sites() {
    store work_list(job_.database);
    std::int64_t after = 0;
    while (!stopping_) {
      auto page = work_list.pending_sites(job_.run_id, after, work_list_page);
      if (page.empty()) break;
      after = page.back().id;
      for (auto& site : page) {
        auto slot = co_await site_slots_.acquire();
        if (stopping_) break;
        ++sites_in_flight_;
        asio::co_spawn(session_.io(), crawl_site(std::move(site), std::move(slot)),
                       [this](std::exception_ptr failure) {
                         if (failure) {
                           --sites_in_flight_;
                           on_task_end(failure, "crawling a site");
                         }
                       });
      }
    }
    feeding_done_ = true;
    finish_when_idle();
  }

  asio::awaitable<void> crawl_site(pending_site site, async_limit::ticket slot) {
    auto requests = site_requests(site.url, plan_);
    // Each vantage keeps its own connections, as another visitor would.
    std::vector<vantage_visit> visits(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) requests[i].request.visit = &visits[i];
    auto fetched = co_await gather<view>(
        requests.size(),
        [&](std::size_t i) {
          return fetch_with_plain_http_fallback(
              requests[i], site.fallback_url,
              [this](site_request request) { return fetch_with_retries(std::move(request)); });
        },
        [&](std::size_t i, const std::string& what) {
          return internal_error_view(requests[i].request, what);
        });
    tally_.controls += static_cast<std::int64_t>(fetched.size() - plan_.vantages.size());
    // While the views settle, only the vantage that will fetch the favicon keeps a connection.
    const auto icon_vantage = first_answered(fetched);
    for (std::size_t i = 0; i < visits.size(); ++i) {
      if (i != icon_vantage) visits[i].end();
    }
    auto settle = settle_off_network(std::move(fetched), plan_, analyses_);
    auto settled =
        co_await asio::co_spawn(analysis_.get_executor(), std::move(settle), asio::use_awaitable);
    std::string favicon;
    if (const auto answered = first_answered(settled.views)) {
      auto& page = settled.views[*answered];
      page.favicon = co_await fetch_favicon(page, requests[*answered]);
      if (page.favicon) favicon = to_string(page.favicon->outcome);
    }
    visits.clear();
    std::string verdict =
        settled.verdict.verdict ? std::string(to_string(*settled.verdict.verdict)) : "single view";
    // Counted once stored, like the verdict: the counts are of what the database holds.
    const auto views = static_cast<std::int64_t>(settled.views.size());
    std::vector<std::string> errors;
    for (const auto& record : settled.views) {
      if (record.error) errors.emplace_back(short_code(record.error->code));
    }
    // The site holds its slot until it is stored, so results waiting for the writer are
    // bounded like everything else.
    auto held = std::make_shared<async_limit::ticket>(std::move(slot));
    writer_->submit({site.id, std::move(settled.views), std::move(settled.verdict),
                     std::move(settled.analyses)},
                    [this, held, verdict = std::move(verdict), views, errors = std::move(errors),
                     favicon = std::move(favicon)](bool stored) {
                      held->release();
                      --sites_in_flight_;
                      if (stored) {
                        ++tally_.sites_done;
                        if (!favicon.empty()) ++tally_.favicons[favicon];
                        ++tally_.verdicts[verdict];
                        tally_.views += views;
                        tally_.views_failed += static_cast<std::int64_t>(errors.size());
                        for (const auto& code : errors) ++tally_.errors[code];
                      }
                      finish_when_idle();
                    });
    try {
      co_await look_up_registrar(site.url);
    } catch (const std::exception&) {
      // The site is stored already; a registrar that cannot be looked up is no reason to
      // stop the crawl (the public suffix list unreadable would have failed the fetch first).
    }
  }

  // Once per registrable domain in this process, and only when the database has no lookup of
  // it newer than [rdap] refresh_days. The lookup runs on its own, so a slow registry never
  // holds up the sites; whatever it finds or fails with is stored and never fails the crawl.
  asio::awaitable<void> look_up_registrar(const std::string& url) {
    if (!rdap_ || stopping_) co_return;
    const auto parsed = parse_web_url(url);
    if (!parsed) co_return;
    auto domain = registrable_domain(connect_host(*parsed));
    if (!domain || !registrars_asked_.insert(*domain).second) co_return;
    const auto not_before = utc_timestamp(std::chrono::system_clock::now() -
                                          std::chrono::days(settings_.rdap.refresh_days));
    try {
      if (registrar_cache_->recent_registrar(*domain, not_before)) co_return;
    } catch (const sqlite_error&) {
      // The cache could not be read (busy past its timeout): asking once more costs less
      // than a missing registrar.
    }
    ++registrar_lookups_;
    auto backlog = co_await registrar_backlog_.acquire();
    asio::co_spawn(session_.io(), rdap_->look_up(std::move(*domain)),
                   [this, held = std::make_shared<async_limit::ticket>(std::move(backlog))](
                       std::exception_ptr failure, registrar_record lookup) {
                     held->release();
                     --registrar_lookups_;
                     if (!failure) writer_->submit_registrar(std::move(lookup));
                     finish_when_idle();
                   });
  }

  // The site's first view that got an answer, whose vantage fetches its favicon; none when
  // every view failed (nothing says where the site's icon is, or that it is reachable).
  static std::optional<std::size_t> first_answered(const std::vector<view>& views) {
    const auto found = std::find_if(views.begin(), views.end(),
                                    [](const view& v) { return !v.error && v.status != 0; });
    if (found == views.end()) return std::nullopt;
    return static_cast<std::size_t>(found - views.begin());
  }

  // A bounded follow-up of the site, not a vantage of its own: once, through the same vantage
  // request as `page` (its country's verified proxies with the site's session, or direct), under
  // the same gates, address policy and limits as a view, with [limits] max_favicon_bytes for the
  // body, never rendered and never retried. Whatever happens is the icon's record; nullopt only
  // when the page's URL gives no icon URL or the crawl is stopping.
  asio::awaitable<std::optional<favicon_fetch>> fetch_favicon(const view& page,
                                                              site_request request) {
    auto url = favicon_url(page);
    if (!url || stopping_) co_return std::nullopt;
    request.request.fetch.url = *url;
    request.request.render.reset();
    auto limits = settings_.limits;
    limits.max_body_bytes = limits.max_favicon_bytes;
    view fetched;
    try {
      fetched = co_await fetch_gated(request, limits);
    } catch (const std::exception& error) {
      fetched = internal_error_view(request.request, error.what());
    }
    co_return favicon_of(std::move(*url), fetched, limits.max_favicon_bytes);
  }

  // Host first, then country, then a global slot: a view waiting for a busy host or country
  // does not sit on a slot another host's view could use.
  asio::awaitable<view> fetch_gated(const site_request& request, const fetch_limits& limits) {
    const std::string host = host_key(request.request.fetch.url);
    auto host_pass = co_await hosts_.enter(host);
    std::optional<keyed_gate::pass> country_pass;
    if (!request.request.country.empty())
      country_pass = co_await countries_.enter(request.request.country);
    auto slot = co_await fetch_slots_.acquire();
    co_return co_await fetch_for_vantage(request.request, limits, session_.environment(), pool_,
                                         request.no_proxy_reason, brackets_ ? &*brackets_ : nullptr,
                                         rendering_.renderer());
  }

  asio::awaitable<view> fetch_with_retries(site_request request) {
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    // Bounded by crawl.retries (at most 10).
    for (int attempt = 0;; ++attempt) {
      view record = co_await fetch_gated(request, settings_.limits);
      if (attempt >= settings_.crawl.retries || stopping_ || !is_transient(record))
        co_return record;
      ++tally_.retries;
      // A retry starts afresh: a new connection, and the pool's next proxy in rotation.
      if (request.request.visit) request.request.visit->end();
      asio::steady_timer pause(
          co_await asio::this_coro::executor,
          retry_delay(settings_.crawl.retry_backoff, attempt + 1, jitter(random_)));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
    }
  }

  asio::awaitable<void> report_progress() {
    const bool live = job_.progress == progress_style::live_line;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    // Ends when the crawl stops the io_context.
    for (;;) {
      timer.expires_after(live ? live_line_every : job_.log_every);
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      if (live) {
        out_ << "\r\033[K" << progress_line(tally_, elapsed()) << std::flush;
      } else {
        out_ << utc_timestamp() << " run " << job_.run_id << ": "
             << progress_line(tally_, elapsed()) << std::endl;
      }
    }
  }

  // The first SIGINT or SIGTERM lets the sites in flight finish for a grace period; a
  // second one, or the end of the grace, stops at once. Unfinished sites stay pending.
  asio::awaitable<void> watch_signals() {
    const auto [error, signal] = co_await signals_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (error) co_return;
    stopping_ = true;
    outcome_.end = crawl_end::interrupted;
    outcome_.signal = signal;
    out_ << "\ngeocrawl: stopping: finishing the " << sites_in_flight_
         << " sites in flight (at most " << job_.stop_grace.count() / 1000.0
         << " s; signal again to stop now)" << std::endl;
    asio::co_spawn(session_.io(), stop_after_grace(),
                   [this](std::exception_ptr failure) { on_task_end(failure, "stopping"); });
    [[maybe_unused]] const auto [again, second_signal] =
        co_await signals_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!again) session_.io().stop();
  }

  asio::awaitable<void> stop_after_grace() {
    asio::steady_timer grace(co_await asio::this_coro::executor, job_.stop_grace);
    co_await grace.async_wait(asio::as_tuple(asio::use_awaitable));
    session_.io().stop();
  }

  void finish_when_idle() {
    if (feeding_done_ && sites_in_flight_ == 0 && registrar_lookups_ == 0) {
      if (rechecker_) rechecker_->stop();
      session_.io().stop();
    }
  }

  void writing_failed(const std::string& what) {
    stopping_ = true;
    outcome_.end = crawl_end::failed;
    outcome_.failure = "cannot store results in " + job_.database.string() + ": " + what;
    session_.io().stop();
  }

  // A background task ended; only an exception (a bug, or the database unreadable) matters.
  void on_task_end(std::exception_ptr failure, const char* doing) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      if (outcome_.end == crawl_end::failed) return;
      stopping_ = true;
      outcome_.end = crawl_end::failed;
      outcome_.failure = std::string(doing) + ": " + error.what();
      session_.io().stop();
    }
  }

  const config& settings_;
  const vantage_plan& plan_;
  stored_analyses archive_;
  analysis_cache analyses_;
  const crawl_job& job_;
  std::ostream& out_;

  // Declared before the session: the io_context destroys suspended coroutines when it
  // goes, and they give their slots and passes back to these.
  crawl_tally tally_;
  crawl_outcome outcome_;
  proxy_pool pool_;
  async_limit fetch_slots_;
  async_limit site_slots_;
  keyed_gate hosts_;
  keyed_gate countries_;
  std::mt19937_64 random_{std::random_device{}()};
  std::size_t sites_in_flight_ = 0;
  async_limit registrar_backlog_{registrar_backlog};
  std::unordered_set<std::string> registrars_asked_;
  std::size_t registrar_lookups_ = 0;  // queued or running
  std::optional<rdap_client> rdap_;    // its per-server gate outlives the lookups too
  bool feeding_done_ = false;
  bool stopping_ = false;
  clock::time_point started_;

  network_session session_;
  view_rendering rendering_;  // after the session: its relays dial through its environment
  asio::thread_pool analysis_;
  asio::signal_set signals_;
  std::optional<site_writer> writer_;
  std::optional<store> registrar_cache_;
  std::optional<geoip_databases> bracket_geoip_;
  std::optional<exit_brackets> brackets_;  // [verify] mode = "per_site"
  // After the session: its timer goes before the io_context does.
  std::optional<exit_rechecker> rechecker_;
};

}  // namespace

crawl_outcome run_crawl(const config& settings, const vantage_plan& plan,
                        const page_analyzer& analyzer, const crawl_job& job,
                        std::ostream& progress_out) {
  crawl_engine engine(settings, plan, analyzer, job, progress_out);
  return engine.run();
}

}  // namespace geocrawl
