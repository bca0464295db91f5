#include "parsers/script_redirects.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

std::vector<script_navigation> scan(std::string_view script) {
  std::vector<script_navigation> found;
  CHECK(find_script_navigations(script, 100, found));
  return found;
}

TEST_CASE("each way of navigating, with a literal or a computed target") {
  struct example {
    std::string_view script;
    std::string_view pattern;
    std::optional<std::string_view> literal;
  };
  const example examples[] = {
      {"location.href = \"https://a.example/\";", "location.href", "https://a.example/"},
      {"location = '/x'", "location", "/x"},
      {"window.location = '/x'", "window.location", "/x"},
      {"window.location.href='/x'", "window.location", "/x"},
      {"document.location = \"/x\"", "document.location", "/x"},
      {"top.location.href = '/x';", "top.location", "/x"},
      {"window.top.location = '/x'", "top.location", "/x"},
      {"self.location = '/x'", "self.location", "/x"},
      {"parent.location = '/x'", "parent.location", "/x"},
      {"location.replace(\"/x\")", "location.replace", "/x"},
      {"window.location.replace( '/x' );", "location.replace", "/x"},
      {"location.assign('/x')", "location.assign", "/x"},
      {"window.location.assign(`/x`)", "location.assign", "/x"},
      {"location.href = `/x`", "location.href", "/x"},
      {"location . href\n =\n '/x'", "location.href", "/x"},
      // Computed targets: the navigation is reported, the target is not.
      {"location.href = `/x/${id}`", "location.href", std::nullopt},
      {"location.href = '/x?id=' + id", "location.href", std::nullopt},
      {"location.href = base", "location.href", std::nullopt},
      {"location.replace(url)", "location.replace", std::nullopt},
      {"location.replace('/x' + q)", "location.replace", std::nullopt},
      {"location.href = '/x'.concat(q)", "location.href", std::nullopt},
      {"location.href = '/x'\n+ q", "location.href", std::nullopt},
      {"location.href = location.href.replace('a', 'b')", "location.href", std::nullopt},
      // A line break ends the statement when no operator continues it.
      {"location.href = '/x'\nfoo()", "location.href", "/x"},
      {"cond ? location.href = '/a' : 0", "location.href", "/a"},
      // Escapes are resolved: obfuscated targets come out as the browser sees them.
      {"location.href = '\\x68ttp\\x3a//a.example/\\u0062\\u{63}'", "location.href",
       "http://a.example/bc"},
      {"location.href = '\\/path\\/to'", "location.href", "/path/to"},
      {"location.href = '\\uD83D\\uDE00'", "location.href", "\U0001F600"},
  };
  for (const auto& [script, pattern, literal] : examples) {
    CAPTURE_BINDING(script);
    const auto found = scan(script);
    REQUIRE(found.size() == 1);
    CHECK(found[0].pattern == pattern);
    REQUIRE(found[0].literal.has_value() == literal.has_value());
    if (literal) CHECK(*found[0].literal == *literal);
  }
}

// Found by tests/fuzz/page_analysis_fuzz.cpp: after a line break the scan for the end of
// the expression stopped advancing, so any white space after it (the indentation before
// </script>) hung the analysis for good.
TEST_CASE("a literal followed by a line break and more white space is read to its end") {
  const struct {
    std::string_view script;
    std::optional<std::string_view> literal;
  } examples[] = {
      {"\n  location.href = \"/jp/\"\n  ", "/jp/"},
      {"location.href = '/x'\n\n\t foo()", "/x"},
      {"location.href = '/x' \r\n  + q", std::nullopt},
  };
  for (const auto& [script, literal] : examples) {
    CAPTURE_BINDING(script);
    const auto found = scan(script);
    REQUIRE(found.size() == 1);
    CHECK(found[0].literal == literal);
  }
}

TEST_CASE("reads, comparisons, other objects, comments and strings are not navigations") {
  const std::string_view scripts[] = {
      "if (location.href == '/x') {}",
      "if (location.href === '/x') {}",
      "var here = location.href;",
      "var location = '/x';",
      "let location = '/x';",
      "location.hash = 'top'",
      "location.reload()",
      "frame.location = '/x'",
      "frame.contentWindow.location.href = '/x'",
      "x.location.replace('/x')",
      "// location.href = '/x'",
      "/* location.replace('/x') */",
      "<!-- location.href = '/x'",
      "var s = \"location.href = '/x'\";",
      "var s = 'location.replace(\"/x\")';",
      "var t = `location.href = '/x'`;",
      "var r = /location.href = '\\/x'/;",
      "const f = location => location.href;",
      "mylocation = '/x'",
  };
  for (const auto script : scripts) {
    CAPTURE(script);
    CHECK(scan(script).empty());
  }
}

TEST_CASE("the scanner keeps its place around literals, regexes and templates") {
  struct example {
    std::string_view script;
    std::size_t count;
  };
  const example examples[] = {
      {"var a = 6 / 2; location.href = '/x'; var b = a / 3;", 1},  // divisions, not regexes
      {"var re = /['\"]/g; location.href = '/x';", 1},             // quotes inside a regex
      {"var s = 'it\\'s'; location.href = '/x';", 1},              // an escaped quote
      {"var t = `a${b ? '}' : '{'}c`; location.href = '/x';", 1},  // braces inside ${}
      {"<!-- hide from old browsers\nlocation.href = '/x';\n// -->", 1},
      {"location.href = '/a'; location.replace('/b'); top.location = '/c';", 3},
      {"var s = 'unterminated\nlocation.href = '/x';", 1},  // a string ends at the line
  };
  for (const auto& [script, count] : examples) {
    CAPTURE_BINDING(script);
    CHECK(scan(script).size() == count);
  }
}

TEST_CASE("stops when the output is full") {
  std::vector<script_navigation> found;
  CHECK_FALSE(find_script_navigations("location='/a'; location='/b'; location='/c'", 2, found));
  REQUIRE(found.size() == 2);
  CHECK(found[1].literal == "/b");
  found.clear();
  CHECK(find_script_navigations("location='/a'; location='/b'", 2, found));
}

}  // namespace
}  // namespace geocrawl
