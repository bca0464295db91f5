// Which renderer the browser's memory limit kills, without a browser: the largest renderer once
// the processes together pass the limit, never a process that is not a renderer, nothing within
// the limit; and what the view whose renderer was killed says.
#include "crawler/render/memory_guard.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("memory guard: past the limit the largest renderer is killed, within it nothing") {
  const std::vector<process_memory> browser = {
      {100, 300'000, false},    // the browser process
      {101, 90'000, true},      // a quiet page
      {102, 1'500'000, true},   // the page that grew
      {103, 1'600'000, false},  // the GPU process, larger still: not a page
  };
  // 3,490,000 KiB together.
  CHECK_FALSE(renderer_over_limit(browser, 3'490'000));
  const auto kill = renderer_over_limit(browser, 3'489'999);
  REQUIRE(kill);
  CHECK(kill->pid == 102);
  CHECK(kill->renderer_kib == 1'500'000);
  CHECK(kill->browser_kib == 3'490'000);
  // The renderer killed last is still going: nothing more is killed until it is gone.
  CHECK_FALSE(renderer_over_limit(browser, 1'000, 101));
  CHECK(renderer_over_limit(browser, 1'000, 999)->pid == 102);
  // No renderer: nothing the guard may kill.
  CHECK_FALSE(renderer_over_limit({{100, 5'000'000, false}}, 1'000));
  CHECK_FALSE(renderer_over_limit({}, 0));
}

TEST_CASE("memory guard: the killed view says what the browser and its renderer held") {
  CHECK(memory_kill_message({102, 1'500'000, 3'490'000}, 2048 * 1024) ==
        "the browser held 3408 MB, over its limit of 2048 MB (render.browser_memory_mb): the "
        "page's renderer, the largest at 1464 MB, was killed");
}

}  // namespace geocrawl
