#include "crawler/config/env_expansion.hpp"

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {

namespace {

std::optional<std::string> fake_environment(std::string_view name) {
  if (name == "USER_1") return "alice";
  if (name == "EMPTY") return "";
  if (name == "DOLLARS") return "$${X}";
  return std::nullopt;
}

}  // namespace

TEST_CASE("${VAR} is replaced and nothing else is") {
  struct example {
    const char* text;
    const char* expanded;
  };
  const example examples[] = {
      {"plain", "plain"},
      {"${USER_1}", "alice"},
      {"socks5h://${USER_1}:${EMPTY}@h", "socks5h://alice:@h"},
      {"a$$b", "a$b"},
      {"$$${USER_1}", "$alice"},
      {"cost $5", "cost $5"},
      {"trailing $", "trailing $"},
      {"${DOLLARS}", "$${X}"},  // values are not expanded again
  };
  for (const auto& [text, expanded] : examples) {
    CAPTURE_BINDING(text);
    const auto result = expand_environment(text, fake_environment);
    REQUIRE(result);
    CHECK(*result == expanded);
  }
}

TEST_CASE("an unset or malformed variable is an error that names it") {
  CHECK(expand_environment("${NOPE}", fake_environment).error() ==
        "environment variable NOPE is not set");
  CHECK(expand_environment("${USER_1", fake_environment).error().find("unterminated") !=
        std::string::npos);
  CHECK(expand_environment("${1X}", fake_environment).error() ==
        "${1X} is not an environment variable name");
  CHECK(expand_environment("${}", fake_environment).error() ==
        "${} is not an environment variable name");
}

}  // namespace geocrawl
