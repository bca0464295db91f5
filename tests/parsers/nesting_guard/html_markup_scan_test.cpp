#include "parsers/nesting_guard/html_markup_scan.hpp"

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t npos = std::string_view::npos;

TEST_CASE("a tag ends at the '>' outside quoted attribute values") {
  struct example {
    std::string_view html;  // starts just after '<'
    std::size_t end;
    std::string_view name;
    GumboTag tag;
    std::string_view attributes;
    bool self_closing;
  };
  const example examples[] = {
      {"div>", 4, "div", GUMBO_TAG_DIV, "", false},
      {"DIV class=a>", 12, "DIV", GUMBO_TAG_DIV, " class=a", false},
      {"a title='x>y' href=\"/\">", 23, "a", GUMBO_TAG_A, " title='x>y' href=\"/\"", false},
      {"br/>", 4, "br", GUMBO_TAG_BR, "", true},
      {"a href=x/>", 10, "a", GUMBO_TAG_A, " href=x/", false},  // the '/' belongs to the value
      {"img src='a' />", 14, "img", GUMBO_TAG_IMG, " src='a' ", true},
      {"my-element data-x>", 18, "my-element", GUMBO_TAG_UNKNOWN, " data-x", false},
      {"p title='never closed>", npos, "p", GUMBO_TAG_P, "", false},
      {"p", npos, "p", GUMBO_TAG_P, "", false},
  };
  for (const auto& e : examples) {
    CAPTURE(e.html);
    markup_tag tag;
    CHECK(read_markup_tag(e.html, 0, tag) == e.end);
    CHECK(tag.name == e.name);
    CHECK(tag.tag == e.tag);
    if (e.end == npos) continue;
    CHECK(tag.attributes == e.attributes);
    CHECK(tag.self_closing == e.self_closing);
  }
}

TEST_CASE("attributes are found by name, case-insensitively") {
  std::string_view value;
  CHECK(find_markup_attribute(" type=HIDDEN name='q'", "type", &value));
  CHECK(value == "HIDDEN");
  CHECK(find_markup_attribute(" Encoding=\"text/html\"", "encoding", &value));
  CHECK(value == "text/html");
  CHECK(find_markup_attribute(" data-x='type=y' checked", "checked", &value));
  CHECK(value.empty());
  CHECK_FALSE(find_markup_attribute(" data-type=y", "type", &value));
}

TEST_CASE("comments end where the tokenizer ends them") {
  struct example {
    std::string_view html;  // starts with "<!--"
    std::size_t end;
  };
  const example examples[] = {
      {"<!---->x", 7},      {"<!-->x", 5},
      {"<!--->x", 6},       {"<!-- a -->x", 10},
      {"<!-- a --!>x", 11}, {"<!-- -- ->-->x", 13},
      {"<!-- a --->x", 11}, {"<!-- never closed", npos},
  };
  for (const auto& [html, end] : examples) {
    CAPTURE_BINDING(html);
    CHECK(find_comment_end(html, 4) == end);
  }
}

TEST_CASE("raw text and scripts end at their own end tag") {
  CHECK(find_raw_text_end("a</b></STYLE >", 0, "style") == 5);
  CHECK(find_raw_text_end("a</styles></style>", 0, "style") == 10);
  CHECK(find_raw_text_end("a</style", 0, "style") == npos);

  struct example {
    std::string_view script;  // the content after <script>
    std::size_t end;
  };
  const example examples[] = {
      {"a()</script>", 3},
      {"document.write('</scr' + 'ipt>')</script>", 32},
      {"<!-- x </script>", 7},                       // escaped, but </script> still ends it
      {"<!-- <script> </script> --></script>", 27},  // double-escaped: the first does not
      {"<!-- <script> --> </script>", 18},           // "-->" ends both escapes
      {"<!--> <script> </script>", 15},              // "<!-->" never escapes
      {"<!-- <scripts> </script>", 15},
      {"no end", npos},
  };
  for (const auto& [script, end] : examples) {
    CAPTURE_BINDING(script);
    CHECK(find_script_end(script, 0) == end);
  }
}

}  // namespace
}  // namespace geocrawl
