#include "crawler/batch/descriptor_budget.hpp"

#include <sys/resource.h>

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("the concurrency is fitted to the open-file limit, beside what else is open") {
  CHECK(concurrency_within(64, 1024) == 64);
  CHECK(concurrency_within(1024, 1024) == 1024 - 64);
  CHECK(concurrency_within(1024, 1024 + 64) == 1024);
  CHECK(concurrency_within(1024, 200) == 136);
  CHECK(concurrency_within(8, 64) == 1);  // nothing left for views: one at a time
  CHECK(concurrency_within(8, 10) == 1);
}

TEST_CASE("the note says what was asked, what runs and why, nothing when it fits") {
  descriptor_budget budget;
  budget.soft = 200;
  budget.hard = 200;
  budget.concurrency = 136;
  CHECK(budget.lowered_note(1024).starts_with("crawl.concurrency 1024 lowered to 136: "));
  CHECK(budget.lowered_note(1024).find("200") != std::string::npos);
  budget.concurrency = 64;
  CHECK(budget.lowered_note(64).empty());
}

TEST_CASE("this process's soft limit is raised as far as the views need, within the hard limit") {
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &before) == 0);
  const auto budget = fit_descriptors(16);
  CHECK(budget.concurrency == 16);
  CHECK(budget.soft >= std::min<std::uint64_t>(16 + descriptors_beside_views, budget.hard));
  rlimit after{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &after) == 0);
  CHECK(after.rlim_cur == budget.soft);
  CHECK(after.rlim_cur >= before.rlim_cur);
}

}  // namespace geocrawl
