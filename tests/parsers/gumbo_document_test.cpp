#include "parsers/gumbo_document.hpp"

#include <doctest/doctest.h>

#include <string>

namespace geocrawl {
namespace {

TEST_CASE("an ordinary page parses whole") {
  const std::string html = "<title>t</title><p>text";
  const gumbo_document document(html, default_gumbo_limits(html.size(), 64));
  REQUIRE(document.output() != nullptr);
  CHECK_FALSE(document.truncated());
  CHECK(document.parsed_bytes() == html.size());
  CHECK(document.output()->root->v.element.tag == GUMBO_TAG_HTML);
}

TEST_CASE("input past the nesting bound is not given to gumbo") {
  std::string html;
  for (int i = 0; i < 100; ++i) html += "<div>";
  const gumbo_document document(html, default_gumbo_limits(html.size(), 10));
  REQUIRE(document.output() != nullptr);
  CHECK(document.truncated());
  CHECK(document.parsed_bytes() == 50);
}

TEST_CASE("a parse that needs more memory than allowed is abandoned") {
  std::string html;
  for (int i = 0; i < 2000; ++i) html += "<p>paragraph</p>";
  auto limits = default_gumbo_limits(html.size(), 64);
  limits.max_memory = 100 << 10;  // gumbo needs about ten times the input
  const gumbo_document document(html, limits);
  CHECK(document.output() == nullptr);
  CHECK(document.truncated());
  // A sanitizer build checks that nothing gumbo allocated before the jump leaks.
}

}  // namespace
}  // namespace geocrawl
