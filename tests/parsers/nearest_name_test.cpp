#include "parsers/nearest_name.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("a typo finds the name it was meant to be") {
  const std::vector<std::string> flags{"--sites", "--resume", "--run", "--config", "--db"};
  CHECK(nearest_name("--site", flags) == "--sites");
  CHECK(nearest_name("--sties", flags) == "--sites");  // two letters swapped
  CHECK(nearest_name("--CONFIG", flags) == "--config");
  CHECK(nearest_name("--rum", flags) == "--run");
}

TEST_CASE("a name far from every candidate finds none") {
  const std::vector<std::string> commands{"fetch", "crawl", "analyze", "export"};
  CHECK_FALSE(nearest_name("japan", commands).has_value());
  CHECK_FALSE(nearest_name("x", {}).has_value());
}

TEST_CASE("of two names equally close, the earlier one is suggested") {
  CHECK(nearest_name("cat", {"bat", "hat"}) == "bat");
}

}  // namespace geocrawl
