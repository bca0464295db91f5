#include "parsers/javascript_lexer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/support/capture_binding.hpp"

namespace geocrawl::javascript {
namespace {

std::vector<std::string_view> token_texts(std::string_view script) {
  std::vector<std::string_view> texts;
  lexer tokens(script);
  for (auto t = tokens.next(); t.kind != token_kind::end; t = tokens.next()) {
    texts.push_back(script.substr(t.begin, t.end - t.begin));
  }
  return texts;
}

TEST_CASE("the lexer skips comments and keeps literals whole") {
  using texts = std::vector<std::string_view>;
  CHECK(token_texts("a = 'b c'; // d\n/* e */ f") == texts{"a", "=", "'b c'", ";", "f"});
  CHECK(token_texts("<!-- old\nx") == texts{"x"});
  CHECK(token_texts("x = 6 / 2 / y") == texts{"x", "=", "6", "/", "2", "/", "y"});
  CHECK(token_texts("return /a b/g") == texts{"return", "/a b/", "g"});
  CHECK(token_texts("`a${b}c` + d") == texts{"`a${", "b", "}c`", "+", "d"});
  CHECK(token_texts("'unterminated\nx") == texts{"'unterminated", "x"});
}

TEST_CASE("the lexer tells identifiers from numbers and punctuation") {
  lexer tokens("x1 = 2.5e3;");
  CHECK(tokens.next().kind == token_kind::identifier);
  CHECK(tokens.next().kind == token_kind::punctuator);
  CHECK(tokens.next().kind == token_kind::number);
  CHECK(tokens.next().kind == token_kind::punctuator);
  CHECK(tokens.next().kind == token_kind::end);
}

TEST_CASE("a string literal's value has its escapes resolved") {
  const struct {
    std::string_view script;
    std::string_view value;
  } cases[] = {
      {R"('\x68ttp\u003a\u{2F}/')", "http://"},
      {R"("a\nb\tc\'")", "a\nb\tc'"},
      {R"('\uD83D\uDE00')", "\U0001F600"},
      {R"('\uD83Dx')", "\uFFFDx"},  // a lone high surrogate
      {R"('\uDE00')", "\uFFFD"},    // a lone low surrogate
  };
  for (const auto& [script, value] : cases) {
    CAPTURE_BINDING(script);
    const auto literal = read_string_literal(script, 0);
    CHECK(literal.end == script.size());
    CHECK(literal.constant);
    CHECK(literal.value == value);
  }
  CHECK_FALSE(read_string_literal("`a${b}`", 0).constant);
  CHECK(read_string_literal("'open", 0).end == std::string_view::npos);
}

}  // namespace
}  // namespace geocrawl::javascript
