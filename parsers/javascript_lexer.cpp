#include "parsers/javascript_lexer.hpp"

#include <array>

#include "parsers/ascii.hpp"
#include "parsers/charset/utf8.hpp"

namespace geocrawl::javascript {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Reads `count` hex digits at `i`; -1 if they are not all there.
long read_hex(std::string_view text, std::size_t i, std::size_t count) {
  if (i + count > text.size()) return -1;
  long value = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const int digit = ascii_hex_digit_value(text[i + k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Where a ' or " string starting at `begin` ends, without building its value: npos when
// a line ends first.
std::size_t string_end(std::string_view text, std::size_t begin) {
  for (std::size_t i = begin + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == text[begin]) {
      return i + 1;
    } else if (is_line_end(text[i])) {
      return npos;
    }
  }
  return npos;
}

// Keywords after which a '/' starts a regular expression rather than a division.
bool expression_may_follow(std::string_view word) {
  static constexpr std::array<std::string_view, 14> keywords = {
      "return", "typeof", "case", "do",    "else",       "in",    "of",
      "new",    "delete", "void", "throw", "instanceof", "yield", "await"};
  for (const auto keyword : keywords) {
    if (word == keyword) return true;
  }
  return false;
}

}  // namespace

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

std::string_view read_identifier(std::string_view text, std::size_t i) {
  std::size_t end = i;
  while (end < text.size() && is_identifier_char(text[end])) ++end;
  return text.substr(i, end - i);
}

string_literal read_string_literal(std::string_view text, std::size_t begin) {
  string_literal literal;
  const char quote = text[begin];
  char32_t high_surrogate = 0;
  for (std::size_t i = begin + 1; i < text.size();) {
    const char c = text[i];
    if (c == quote) {
      if (high_surrogate != 0) append_utf8(literal.value, replacement_code_point);
      literal.end = i + 1;
      return literal;
    }
    if (quote != '`' && is_line_end(c)) return literal;
    if (quote == '`' && c == '$' && i + 1 < text.size() && text[i + 1] == '{')
      literal.constant = false;
    if (c != '\\') {
      if (high_surrogate != 0) append_utf8(literal.value, replacement_code_point);
      high_surrogate = 0;
      literal.value += c;
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return literal;
    const char e = text[i + 1];
    i += 2;
    char32_t code_point = 0;
    bool is_code_point = false;
    switch (e) {
      case 'n':
        literal.value += '\n';
        break;
      case 'r':
        literal.value += '\r';
        break;
      case 't':
        literal.value += '\t';
        break;
      case 'b':
        literal.value += '\b';
        break;
      case 'f':
        literal.value += '\f';
        break;
      case 'v':
        literal.value += '\v';
        break;
      case '0':
        literal.value += '\0';
        break;
      case '\r':
        if (i < text.size() && text[i] == '\n') ++i;
        break;  // line continuation
      case '\n':
        break;
      case 'x': {
        const long value = read_hex(text, i, 2);
        if (value < 0) return literal;
        code_point = static_cast<char32_t>(value);
        is_code_point = true;
        i += 2;
        break;
      }
      case 'u': {
        long value = -1;
        if (i < text.size() && text[i] == '{') {
          const auto close = text.find('}', i);
          if (close == npos || close - i > 7) return literal;
          value = read_hex(text, i + 1, close - i - 1);
          i = close + 1;
        } else {
          value = read_hex(text, i, 4);
          i += 4;
        }
        if (value < 0) return literal;
        code_point = static_cast<char32_t>(value);
        is_code_point = true;
        break;
      }
      default:
        literal.value += e;
    }
    if (!is_code_point) continue;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (high_surrogate != 0) append_utf8(literal.value, replacement_code_point);
      high_surrogate = code_point;
      continue;
    }
    if (code_point >= 0xDC00 && code_point <= 0xDFFF && high_surrogate != 0) {
      code_point = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code_point - 0xDC00);
    } else if (high_surrogate != 0) {
      append_utf8(literal.value, replacement_code_point);
    }
    high_surrogate = 0;
    append_utf8(literal.value, code_point);
  }
  return literal;
}

token lexer::next() {
  while (position_ < text_.size()) {
    const std::size_t i = position_;
    const char c = text_[i];
    if (is_space(c)) {
      ++position_;
      continue;
    }
    if (c == '/' && i + 1 < text_.size() && (text_[i + 1] == '/' || text_[i + 1] == '*')) {
      const auto close = text_[i + 1] == '/' ? npos : text_.find("*/", i + 2);
      position_ = text_[i + 1] == '/' ? line_end(i) : close == npos ? text_.size() : close + 2;
      continue;
    }
    if (text_.compare(i, 4, "<!--") == 0) {
      position_ = line_end(i);  // old pages wrap scripts in HTML comments
      continue;
    }
    token found{token_kind::punctuator, i, i + 1};
    if (is_identifier_char(c) && !is_ascii_digit(c)) {
      const auto word = read_identifier(text_, i);
      found = {token_kind::identifier, i, i + word.size()};
      regex_allowed_ = expression_may_follow(word);
    } else if (c == '/' && regex_allowed_) {
      found = {token_kind::regex, i, skip_regex(i)};
      regex_allowed_ = false;
    } else if (c == '"' || c == '\'' || c == '`') {
      const auto end = c == '`' ? skip_template(i + 1) : string_end(text_, i);
      found = {token_kind::string, i, end == npos ? line_end(i) : end};
      regex_allowed_ = false;
    } else if (c == '}' && !template_braces_.empty() && template_braces_.back() == braces_) {
      template_braces_.pop_back();
      const auto end = skip_template(i + 1);
      found = {token_kind::template_text, i, end == npos ? text_.size() : end};
      regex_allowed_ = false;
    } else if (is_ascii_digit(c)) {
      std::size_t end = i;
      while (end < text_.size() && (is_identifier_char(text_[end]) || text_[end] == '.')) ++end;
      found = {token_kind::number, i, end};
      regex_allowed_ = false;
    } else {
      if (c == '{') ++braces_;
      if (c == '}' && braces_ > 0) --braces_;
      regex_allowed_ = c != ')' && c != ']';
    }
    position_ = found.end;
    return found;
  }
  return {token_kind::end, text_.size(), text_.size()};
}

std::size_t lexer::line_end(std::size_t i) const {
  while (i < text_.size() && !is_line_end(text_[i])) ++i;
  return i;
}

std::size_t lexer::skip_regex(std::size_t i) const {
  bool in_class = false;
  for (++i; i < text_.size() && !is_line_end(text_[i]); ++i) {
    const char c = text_[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '/' && !in_class) {
      return i + 1;
    }
  }
  return i;
}

// Skips template literal text from `i` to just after its closing backquote, or to just
// after a "${", whose expression the main loop then scans as code.
std::size_t lexer::skip_template(std::size_t i) {
  for (; i < text_.size(); ++i) {
    if (text_[i] == '\\') {
      ++i;
    } else if (text_[i] == '`') {
      return i + 1;
    } else if (text_[i] == '$' && i + 1 < text_.size() && text_[i + 1] == '{') {
      template_braces_.push_back(braces_);
      return i + 2;
    }
  }
  return npos;
}

}  // namespace geocrawl::javascript
