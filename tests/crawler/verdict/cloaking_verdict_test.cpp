#include "crawler/verdict/cloaking_verdict.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("each verdict reads back from the word it is written as") {
  for (const auto verdict : {cloaking_verdict::consistent, cloaking_verdict::cloaked,
                             cloaking_verdict::inconclusive, cloaking_verdict::unreachable}) {
    CAPTURE(to_string(verdict));
    CHECK(parse_cloaking_verdict(to_string(verdict)) == verdict);
  }
  CHECK(to_string(cloaking_verdict::cloaked) == "cloaked");
}

TEST_CASE("a word that names no verdict is rejected") {
  CHECK_FALSE(parse_cloaking_verdict("single view"));
  CHECK_FALSE(parse_cloaking_verdict("Cloaked"));
  CHECK_FALSE(parse_cloaking_verdict(""));
}

TEST_CASE("no verdict is written as nothing, which JSON and SQLite store as null") {
  CHECK(to_string(std::optional<cloaking_verdict>{}).empty());
  CHECK(to_string(std::optional{cloaking_verdict::unreachable}) == "unreachable");
}

}  // namespace geocrawl
