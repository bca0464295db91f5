#pragma once
// Just enough JavaScript lexing to tell code from literals: comments, string, template and
// regular expression literals, and the values of string literals with their escapes resolved.
// Not a JavaScript parser: a '/' is taken for a regular expression or a division by the token
// before it, which is right in the code pages carry.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl::javascript {

bool is_identifier_char(char c);  // any byte above ASCII counts: identifiers may be Unicode
bool is_space(char c);
bool is_line_end(char c);

// The first offset at or after `i` that is not white space.
std::size_t skip_spaces(std::string_view text, std::size_t i);

// The identifier starting at `i`, empty when there is none.
std::string_view read_identifier(std::string_view text, std::size_t i);

// A string literal starting at the quote at `begin`: its end (after the closing quote)
// and, when it has a single constant value, that value with escapes resolved. Obfuscated
// redirects write "\x68ttp" or "\u0068ttp"; the value is what the browser navigates to.
struct string_literal {
  std::size_t end = std::string_view::npos;  // npos: unterminated
  bool constant = true;                      // false for a template literal with ${...}
  std::string value;
};

// `text[begin]` is ', " or `.
string_literal read_string_literal(std::string_view text, std::size_t begin);

enum class token_kind { identifier, number, string, template_text, regex, punctuator, end };

// [begin, end) in the script. A string token spans a whole ' or " literal, or a template
// literal up to its end or its first "${"; template_text is the rest of a template after a
// substitution's closing brace.
struct token {
  token_kind kind;
  std::size_t begin;
  std::size_t end;
};

// Tokens in source order, white space and comments (including the "<!--" lines old pages wrap
// scripts in) skipped. An unterminated literal ends at its line's end. Linear in the script.
class lexer {
 public:
  explicit lexer(std::string_view text) : text_(text) {}

  token next();  // token_kind::end at the end of the script

 private:
  std::size_t line_end(std::size_t i) const;
  std::size_t skip_regex(std::size_t i) const;
  std::size_t skip_template(std::size_t i);

  std::string_view text_;
  std::size_t position_ = 0;
  bool regex_allowed_ = true;
  std::size_t braces_ = 0;
  std::vector<std::size_t> template_braces_;  // brace depth at each open "${"
};

}  // namespace geocrawl::javascript
