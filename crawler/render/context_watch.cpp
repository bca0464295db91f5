#include "crawler/render/context_watch.hpp"

#include <algorithm>

#include "crawler/browser/devtools_values.hpp"

namespace geocrawl {

std::vector<devtools_command> watch_event(context_watch& watch, const devtools_event& event) {
  if (event.method == "Target.targetCreated") {
    const auto* info = event.params.if_contains("targetInfo");
    if (info == nullptr || !info->is_object()) return {};
    const auto& target = info->get_object();
    if (string_field(target, "browserContextId") != watch.context_id ||
        string_field(target, "type") != "page") {
      return {};
    }
    const std::string id = string_field(target, "targetId");
    if (watch.own_target.empty() || watch.own_target == id) {
      watch.own_target = id;
      return {};
    }
    if (++watch.opened <= watch.max_targets) return {};
    ++watch.closed;
    return {{"Target.closeTarget", {{"targetId", id}}, ""}};
  }
  if (event.method == "Page.windowOpen" && !watch.own_session.empty() &&
      event.session_id == watch.own_session) {
    ++watch.requested;
    return {};
  }
  if (event.method == "Target.targetCrashed" && !watch.own_target.empty() &&
      string_field(event.params, "targetId") == watch.own_target) {
    watch.crashed = true;
    watch.crash_status = string_field(event.params, "status");
  }
  return {};
}

render_errc crash_code(const context_watch& watch) noexcept {
  return watch.crash_status == "oom" ? render_errc::memory : render_errc::crashed;
}

bool over_window_limit(const context_watch& watch) noexcept {
  return watch.closed > 0 || watch.requested > watch.max_targets;
}

std::string window_limit_message(const context_watch& watch) {
  // A window opened by one of the page's windows is not the page's request: count it anyway.
  const int asked = std::max(watch.requested, watch.opened);
  return "the page asked for " + std::to_string(asked) + " windows, over the limit of " +
         std::to_string(watch.max_targets) + ": " + std::to_string(watch.opened) + " opened, " +
         std::to_string(watch.closed) + " of them closed, " + std::to_string(asked - watch.opened) +
         " refused by the popup blocker";
}

}  // namespace geocrawl
