#include "parsers/text_builder.hpp"

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

TEST_CASE("whitespace collapses and breaks separate words only between them") {
  std::string out;
  text_builder text(out, 100);
  text.line_break();  // nothing before the first word
  CHECK(text.append("  Via"));
  CHECK(text.append("gra \t\n pills"));
  text.word_break();
  text.line_break();  // a line break wins over a space
  CHECK(text.append("next"));
  text.line_break();
  text.word_break();  // and is not downgraded
  CHECK(text.append("line "));
  text.line_break();  // nothing after the last word
  CHECK(out == "Viagra pills\nnext\nline");
}

TEST_CASE("the limit cuts at a character boundary") {
  struct example {
    std::string_view input;
    std::size_t limit;
    std::string_view kept;
  };
  const example examples[] = {
      {"abc def", 7, "abc def"}, {"abc def", 6, "abc de"}, {"abc def", 4, "abc"},
      {"日本語", 7, "日本"},     {"日本語", 2, ""},        {"a 日本", 4, "a"},
  };
  for (const auto& [input, limit, kept] : examples) {
    CAPTURE_BINDING(input);
    CAPTURE_BINDING(limit);
    bool truncated = false;
    CHECK(collapse_whitespace(input, limit, &truncated) == kept);
    CHECK(truncated == (kept.size() < input.size()));
  }
}

}  // namespace
}  // namespace geocrawl
