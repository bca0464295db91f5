#include "parsers/numeric_references.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

TEST_CASE("references within Unicode, and text that only looks like one, are left alone") {
  for (const std::string_view html :
       {"", "plain", "&#65; &#x41; &#X10FFFF; &#1114111;", "&# &#x &#; &#xG; & # 1114112",
        "&amp;#1114112", "&#x10ffff"}) {
    CAPTURE_BINDING(html);
    CHECK_FALSE(clamp_numeric_references(html).has_value());
  }
}

TEST_CASE("references above U+10FFFF get the smallest digits out of range") {
  struct example {
    std::string_view html;
    std::string_view clamped;
  };
  const example examples[] = {
      {"&#x110000;", "&#x110000;"},
      {"a&#xFFFFFFFF;b", "a&#x110000;b"},
      {"&#X0000000000000000000000000000000000000000110000", "&#X110000"},
      {"&#1114112", "&#1114112"},
      {"&#99999999999999999999999999;", "&#1114112;"},
      {"&#65;&#x10000000000000041;&#x41;&#4294967361;", "&#65;&#x110000;&#x41;&#1114112;"},
      {"<a title='&#xfffffffff'>&#xABCDEFabcdef0", "<a title='&#x110000'>&#x110000"},
  };
  for (const auto& [html, clamped] : examples) {
    CAPTURE_BINDING(html);
    const auto result = clamp_numeric_references(html);
    REQUIRE(result.has_value());
    CHECK(*result == clamped);
  }
}

}  // namespace
}  // namespace geocrawl
