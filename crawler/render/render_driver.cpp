#include "crawler/render/render_driver.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/browser/devtools_client.hpp"
#include "crawler/render/loopback_relay.hpp"
#include "crawler/render/memory_guard.hpp"
#include "crawler/render/page_render.hpp"
#include "crawler/render/render_browser.hpp"
#include "crawler/view/render_errc.hpp"
#include "crawler/view/timestamp.hpp"

namespace geocrawl {
namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

// Connecting a slot to the browser, and turning on the target events it watches.
constexpr auto connect_limit = std::chrono::seconds(15);
// After the view, how long the relay has to record the connections Chromium is closing.
constexpr auto relay_drain_limit = std::chrono::seconds(1);
constexpr auto relay_drain_poll = std::chrono::milliseconds(5);
// How far back in Chromium's log a crashed renderer's cause is looked for: its OOM line is
// followed by a few lines of the crash reporter's.
constexpr std::size_t recent_log_lines = 12;
// How often the browser's memory is measured while views render: a page growing by gigabytes a
// second is stopped within a few hundred MB of the limit, for about 2 ms of /proc reads a time
// (1% of a core).
constexpr auto memory_poll = std::chrono::milliseconds(200);

browser_launch_options launch_options(const render_driver_settings& settings) {
  browser_launch_options options;
  options.executable = settings.executable;
  options.context_relays = true;
  options.niceness = settings.niceness;
  options.extra_flags = {
      // The renderer's JavaScript heap: a page allocating without end kills its renderer
      // (Target.targetCrashed, "oom"), not the machine.
      "--js-flags=--max-old-space-size=" + std::to_string(settings.memory_mb),
      // navigator.webdriver stays false, as in the browser of the visitor the vantage stands
      // for: a cloaker that hides from automation must not see one.
      "--disable-blink-features=AutomationControlled",
  };
  return options;
}

rendered_page failed_page(const render_emulation& emulation, view_error error) {
  rendered_page page;
  page.emulation = emulation;
  page.rendered_at = utc_timestamp();
  page.error = std::move(error);
  return page;
}

struct render_job {
  page_render_request request;
  std::function<void(rendered_page)> done;  // called on a slot's thread; posts to the io side
};

}  // namespace

struct render_driver::impl {
  impl(asio::io_context& io, const fetch_environment& environment, render_driver_settings settings)
      : io(io),
        environment(environment),
        settings(std::move(settings)),
        browser(launch_options(this->settings)),
        guard(browser, static_cast<std::uint64_t>(this->settings.browser_memory_mb) * 1024,
              memory_poll) {
    for (int i = 0; i < this->settings.concurrency; ++i) slots.emplace_back([this] { serve(); });
  }

  ~impl() {
    {
      const std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    for (auto& slot : slots) slot.join();
  }

  void enqueue(render_job job) {
    {
      const std::lock_guard lock(mutex);
      queue.push_back(std::move(job));
    }
    wake.notify_one();
  }

  // One slot: its own DevTools connection, made again whenever the browser was replaced.
  void serve() {
    std::unique_ptr<devtools_client> client;
    std::uint64_t generation = 0;
    for (;;) {
      render_job job;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [this] { return stopping || !queue.empty(); });
        if (stopping) return;
        job = std::move(queue.front());
        queue.pop_front();
      }
      if (!client || !client->connected() || !browser.running(generation)) {
        client.reset();
        auto connected = connect(generation);
        if (!connected.client) {
          job.done(failed_page(job.request.emulation, std::move(connected.error)));
          continue;
        }
        client = std::move(connected.client);
      }
      guard.view_started();
      const auto kills_before = guard.kills();
      auto outcome = render_page(*client, job.request);
      guard.view_finished();
      if (outcome.page.error) {
        explain_kill(*outcome.page.error, outcome.renderer_exit, kills_before);
        explain_crash(*outcome.page.error, generation);
      }
      // A browser that died, lost its connection or kept a page's context is not trusted with
      // the next view: the next one launches anew.
      if (outcome.browser_suspect || !client->connected() || !browser.running(generation)) {
        if (!outcome.page.error) {
          outcome.page.error = view_error{make_error_code(render_errc::crashed),
                                          "the browser died or could not close the page", false};
        }
        browser.replace(generation);
        client.reset();
      }
      job.done(std::move(outcome.page));
    }
  }

  // A renderer that died "killed" while the guard killed one is the page over the browser's
  // memory limit.
  void explain_kill(view_error& error, const std::string& renderer_exit,
                    std::uint64_t kills_before) {
    if (error.code != render_errc::crashed || renderer_exit != "killed" ||
        guard.kills() == kills_before) {
      return;
    }
    const auto kill = guard.last_kill();
    if (!kill) return;
    error.code = render_errc::memory;
    error.message = memory_kill_message(*kill, guard.limit_kib());
  }

  // A crash's message gets Chromium's last words. V8's "javascript OOM" among its recent lines
  // is a renderer's heap over [render] memory_mb, which the crash event does not tell apart (its
  // status is "crashed" for a heap overrun as for any other death of a renderer); with views
  // rendering side by side it may be another view's, a known imprecision of the code.
  void explain_crash(view_error& error, std::uint64_t generation) {
    if (error.code != render_errc::crashed) return;
    if (browser.log_tail(generation, recent_log_lines).find("javascript OOM") != std::string::npos)
      error.code = render_errc::memory;
    if (const auto words = browser.log_tail(generation, 3); !words.empty())
      error.message += " [chromium: " + words + "]";
  }

  struct connection {
    std::unique_ptr<devtools_client> client;
    view_error error;
  };

  connection connect(std::uint64_t& generation) {
    auto endpoint = browser.endpoint();
    if (!endpoint.endpoint) return {nullptr, std::move(endpoint.error)};
    const auto deadline = clock::now() + connect_limit;
    auto client = std::make_unique<devtools_client>(endpoint.endpoint->port,
                                                    endpoint.endpoint->path, deadline);
    devtools_reply failure = client->failure();
    if (client->connected()) {
      // Every target's creation and crash, browser-wide: the view's watch keeps its context's.
      failure = client->call("Target.setDiscoverTargets", {{"discover", true}}, "", deadline);
      if (!failure.error) {
        generation = endpoint.endpoint->generation;
        return {std::move(client), {}};
      }
    }
    browser.replace(endpoint.endpoint->generation);
    return {nullptr, view_error{make_error_code(render_errc::crashed),
                                "connecting to the browser's DevTools: " + failure.reason, false}};
  }

  asio::io_context& io;
  const fetch_environment& environment;
  const render_driver_settings settings;
  render_browser browser;
  memory_guard guard;  // after the browser it measures
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<render_job> queue;
  bool stopping = false;
  std::vector<std::thread> slots;  // last: they use everything above
};

render_driver::render_driver(asio::io_context& io, const fetch_environment& environment,
                             render_driver_settings settings)
    : impl_(std::make_unique<impl>(io, environment, std::move(settings))) {}

render_driver::~render_driver() = default;

asio::awaitable<rendered_page> render_driver::render(std::string url,
                                                     std::optional<proxy_endpoint> proxy,
                                                     render_emulation emulation) {
  loopback_relay relay(impl_->io, impl_->environment, std::move(proxy), impl_->settings.relay);
  const auto& settings = impl_->settings;
  page_render_request request{std::move(url),      relay.port(),     emulation,
                              settings.settle,     settings.timeout, settings.max_dom_bytes,
                              settings.max_targets};
  rendered_page page =
      co_await asio::async_initiate<decltype(asio::use_awaitable), void(rendered_page)>(
          [this, &request](auto handler) {
            // The slot hands the page back on the coroutine's own executor; until then the
            // io_context is kept from running out of work.
            auto waiting = std::make_shared<decltype(handler)>(std::move(handler));
            auto work =
                std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
                    impl_->io.get_executor());
            impl_->enqueue({std::move(request), [waiting, work](rendered_page finished) mutable {
                              const auto executor = asio::get_associated_executor(*waiting);
                              asio::post(executor,
                                         [waiting, finished = std::move(finished)]() mutable {
                                           std::move (*waiting)(std::move(finished));
                                         });
                              work->reset();
                            }});
          },
          asio::use_awaitable);

  // Chromium has closed the context's connections, or is closing them: each is recorded as it
  // ends, and those still open after a moment are cut and recorded as relay_stopped.
  asio::steady_timer pause(co_await asio::this_coro::executor);
  const auto drained_by = clock::now() + relay_drain_limit;
  while (relay.open_connections() > 0 && clock::now() < drained_by) {
    pause.expires_after(relay_drain_poll);
    co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  relay.stop();
  while (relay.open_connections() > 0 && clock::now() < drained_by + relay_drain_limit) {
    pause.expires_after(relay_drain_poll);
    co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  page.requests = relay.log();
  co_return page;
}

std::optional<pid_t> render_driver::browser_pid() const { return impl_->browser.pid(); }

std::uint64_t render_driver::browser_launches() const { return impl_->browser.launches(); }

}  // namespace geocrawl
