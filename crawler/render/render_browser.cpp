#include "crawler/render/render_browser.hpp"

#include <utility>

#include "crawler/view/render_errc.hpp"

namespace geocrawl {

render_browser::render_browser(browser_launch_options options) : options_(std::move(options)) {}

render_browser::~render_browser() = default;

render_browser::endpoint_result render_browser::endpoint() {
  const std::lock_guard lock(mutex_);
  if (process_ && !process_->running()) process_.reset();
  if (!process_) {
    auto launched = launch_browser(options_);
    if (!launched.process) {
      return {std::nullopt,
              view_error{make_error_code(render_errc::unavailable), launched.reason, false}};
    }
    process_ = std::move(launched.process);
    ++generation_;
  }
  return {browser_endpoint{process_->devtools_port(), process_->devtools_path(), generation_}, {}};
}

bool render_browser::running(std::uint64_t generation) {
  const std::lock_guard lock(mutex_);
  return process_ && generation == generation_ && process_->running();
}

void render_browser::replace(std::uint64_t generation) {
  const std::lock_guard lock(mutex_);
  if (generation == generation_) process_.reset();
}

std::string render_browser::log_tail(std::uint64_t generation, std::size_t lines) {
  const std::lock_guard lock(mutex_);
  return process_ && generation == generation_ ? process_->log_tail(lines) : std::string();
}

std::optional<pid_t> render_browser::pid() {
  const std::lock_guard lock(mutex_);
  if (!process_) return std::nullopt;
  return process_->pid();
}

std::uint64_t render_browser::launches() {
  const std::lock_guard lock(mutex_);
  return generation_;
}

}  // namespace geocrawl
