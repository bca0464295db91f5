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
  context_watch watch;
  watch.context_id = "ctx";
  watch.own_target = "page";
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
