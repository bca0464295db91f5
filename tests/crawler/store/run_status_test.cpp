#include "crawler/store/run_status.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("each run status reads back from the word it is stored as") {
  for (const auto status :
       {run_status::running, run_status::done, run_status::interrupted, run_status::failed}) {
    CAPTURE(to_string(status));
    CHECK(parse_run_status(to_string(status)) == status);
  }
  CHECK(to_string(run_status::interrupted) == "interrupted");
}

TEST_CASE("a word that names no run status is rejected") {
  CHECK_FALSE(parse_run_status("finished"));
  CHECK_FALSE(parse_run_status("Done"));
  CHECK_FALSE(parse_run_status(""));
}

}  // namespace geocrawl
