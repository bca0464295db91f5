#include "crawler/store/run_kind.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("each run kind reads back from the word it is stored as") {
  for (const auto kind : {run_kind::fetch, run_kind::crawl, run_kind::proxies_check}) {
    CAPTURE(to_string(kind));
    CHECK(parse_run_kind(to_string(kind)) == kind);
  }
  CHECK(to_string(run_kind::proxies_check) == "proxies check");
}

TEST_CASE("a word that names no run kind is rejected") {
  CHECK_FALSE(parse_run_kind("export"));
  CHECK_FALSE(parse_run_kind("Crawl"));
  CHECK_FALSE(parse_run_kind(""));
}

}  // namespace geocrawl
