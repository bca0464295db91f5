#include "crawler/render/memory_guard.hpp"

#include <signal.h>

#include "crawler/render/render_browser.hpp"

namespace geocrawl {
namespace {

std::string mib(std::uint64_t kib) { return std::to_string(kib / 1024) + " MB"; }

}  // namespace

std::optional<renderer_kill> renderer_over_limit(const std::vector<process_memory>& processes,
                                                 std::uint64_t limit_kib, pid_t dying) {
  std::uint64_t total = 0;
  const process_memory* largest = nullptr;
  for (const auto& process : processes) {
    if (dying != 0 && process.pid == dying) return std::nullopt;
    total += process.own_kib;
    if (process.renderer && (!largest || process.own_kib > largest->own_kib)) largest = &process;
  }
  if (total <= limit_kib || !largest) return std::nullopt;
  return renderer_kill{largest->pid, largest->own_kib, total};
}

std::string memory_kill_message(const renderer_kill& kill, std::uint64_t limit_kib) {
  return "the browser held " + mib(kill.browser_kib) + ", over its limit of " + mib(limit_kib) +
         " (render.browser_memory_mb): the page's renderer, the largest at " +
         mib(kill.renderer_kib) + ", was killed";
}

memory_guard::memory_guard(render_browser& browser, std::uint64_t limit_kib,
                           std::chrono::milliseconds poll_every)
    : browser_(browser),
      limit_kib_(limit_kib),
      poll_every_(poll_every),
      thread_([this] { watch(); }) {}

memory_guard::~memory_guard() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void memory_guard::view_started() {
  {
    const std::lock_guard lock(mutex_);
    ++rendering_;
  }
  wake_.notify_all();
}

void memory_guard::view_finished() {
  const std::lock_guard lock(mutex_);
  --rendering_;
}

std::uint64_t memory_guard::kills() {
  const std::lock_guard lock(mutex_);
  return kills_;
}

std::optional<renderer_kill> memory_guard::last_kill() {
  const std::lock_guard lock(mutex_);
  return last_kill_;
}

void memory_guard::watch() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || rendering_ > 0; });
    if (stopping_) return;
    const pid_t dying = last_kill_ ? last_kill_->pid : 0;
    lock.unlock();
    std::optional<renderer_kill> kill;
    if (const auto group = browser_.pid()) {
      kill = renderer_over_limit(group_memory(*group), limit_kib_, dying);
      // SIGKILL: a renderer past the limit is not asked to finish anything.
      if (kill && ::kill(kill->pid, SIGKILL) != 0) kill.reset();
    }
    lock.lock();
    if (kill) {
      ++kills_;
      last_kill_ = kill;
    }
    wake_.wait_for(lock, poll_every_, [this] { return stopping_; });
  }
}

}  // namespace geocrawl
