// The bounds a rendered view's context is watched for, without a browser: windows over the cap
// closed as they open, a crashed renderer told apart from one out of memory, and other
// contexts' events left alone.
#include "crawler/render/context_watch.hpp"

#include <doctest/doctest.h>

#include <string>

namespace geocrawl {
namespace {

namespace json = boost::json;

devtools_event target_created(const std::string& context, const std::string& target,
                              const std::string& type = "page") {
  return {"Target.targetCreated",
          {{"targetInfo",
            json::object{{"targetId", target}, {"type", type}, {"browserContextId", context}}}},
          ""};
}

devtools_event window_open(const std::string& session) {
  return {"Page.windowOpen", {{"url", "https://shop.example/"}, {"userGesture", false}}, session};
}

// The watch of context "ctx" once its page, "page", is known.
context_watch watching_page(int max_targets) {
  context_watch watch;
  watch.context_id = "ctx";
  watch.own_target = "page";
  watch.max_targets = max_targets;
  return watch;
}

devtools_event target_crashed(const std::string& target, const std::string& status) {
  return {"Target.targetCrashed", {{"targetId", target}, {"status", status}, {"errorCode", 9}}, ""};
}

}  // namespace

TEST_CASE("context watch: the page's own target is kept, windows past the cap are closed") {
  context_watch watch;
  watch.context_id = "ctx";
  watch.max_targets = 2;
  // The view's page, announced before Target.createTarget's reply named it.
  CHECK(watch_event(watch, target_created("ctx", "page-0")).empty());
  CHECK(watch.own_target == "page-0");
  CHECK(watch_event(watch, target_created("ctx", "page-0")).empty());  // announced again
  CHECK(watch_event(watch, target_created("ctx", "popup-1")).empty());
  CHECK(watch_event(watch, target_created("ctx", "popup-2")).empty());
  for (int i = 3; i < 500; ++i) {
    const auto answer = watch_event(watch, target_created("ctx", "popup-" + std::to_string(i)));
    REQUIRE(answer.size() == 1);
    CHECK(answer[0].method == "Target.closeTarget");
    CHECK(answer[0].params.at("targetId").as_string() == "popup-" + std::to_string(i));
    CHECK(answer[0].session_id.empty());
  }
  CHECK(watch.opened == 499);
  CHECK(watch.closed == 497);
  CHECK_FALSE(watch.crashed);
}

TEST_CASE("context watch: windows asked for past the cap are over the limit, opened or not") {
  auto watch = watching_page(4);
  // Before the page's session is known, no window request can be the page's.
  watch_event(watch, window_open(""));
  CHECK(watch.requested == 0);
  watch.own_session = "mine";
  for (int i = 0; i < 4; ++i) CHECK(watch_event(watch, window_open("mine")).empty());
  watch_event(watch, window_open("another view's page"));
  CHECK(watch.requested == 4);
  CHECK_FALSE(over_window_limit(watch));  // four refused windows are within the cap
  for (int i = 4; i < 500; ++i) watch_event(watch, window_open("mine"));
  CHECK(watch.requested == 500);
  CHECK(watch.opened == 0);
  CHECK(over_window_limit(watch));
  CHECK(window_limit_message(watch) ==
        "the page asked for 500 windows, over the limit of 4: 0 opened, 0 of them closed, 500 "
        "refused by the popup blocker");
}

TEST_CASE("context watch: a window closed over the cap is over the limit, asked for or not") {
  auto watch = watching_page(0);
  watch.own_session = "mine";
  CHECK_FALSE(over_window_limit(watch));
  // A window opened by a window of the page's: the page's session never asked for it.
  CHECK(watch_event(watch, target_created("ctx", "grandchild")).size() == 1);
  CHECK(over_window_limit(watch));
  CHECK(window_limit_message(watch) ==
        "the page asked for 1 windows, over the limit of 0: 1 opened, 1 of them closed, 0 refused "
        "by the popup blocker");
}

TEST_CASE("context watch: other contexts, workers and malformed events change nothing") {
  context_watch watch;
  watch.context_id = "mine";
  watch.own_target = "page";
  CHECK(watch_event(watch, target_created("another view", "theirs")).empty());
  CHECK(watch_event(watch, target_created("mine", "worker", "service_worker")).empty());
  CHECK(watch_event(watch, {"Target.targetCreated", {{"targetInfo", "nonsense"}}, ""}).empty());
  CHECK(watch_event(watch, {"Target.targetCreated", {}, ""}).empty());
  CHECK(watch_event(watch, target_crashed("theirs", "crashed")).empty());
  CHECK(watch.opened == 0);
  CHECK_FALSE(watch.crashed);
}

TEST_CASE("context watch: a renderer out of memory is render_memory, any other death a crash") {
  auto watch = watching_page(0);
  watch_event(watch, target_crashed("page", "oom"));
  CHECK(watch.crashed);
  CHECK(crash_code(watch) == render_errc::memory);
  watch.crash_status = "crashed";
  CHECK(crash_code(watch) == render_errc::crashed);
  // Before the page is known, no crash can be the view's.
  context_watch early;
  early.context_id = "ctx";
  watch_event(early, target_crashed("", "crashed"));
  CHECK_FALSE(early.crashed);
}

}  // namespace geocrawl
