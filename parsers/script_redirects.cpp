#include "parsers/script_redirects.hpp"

#include "parsers/ascii.hpp"

#include <array>
#include <cstdint>

namespace geocrawl {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_line_end(char c) { return c == '\n' || c == '\r'; }

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = 0xFFFD;
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

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

// A string literal starting at the quote at `begin`: its end (after the closing quote)
// and, when it has a single constant value, that value with escapes resolved. Obfuscated
// redirects write "\x68ttp" or "\u0068ttp"; the value is what the browser navigates to.
struct string_literal {
  std::size_t end = npos;  // npos: unterminated
  bool constant = true;    // false for a template literal with ${...}
  std::string value;
};

string_literal read_string(std::string_view text, std::size_t begin) {
  string_literal literal;
  const char quote = text[begin];
  std::uint32_t high_surrogate = 0;
  for (std::size_t i = begin + 1; i < text.size();) {
    const char c = text[i];
    if (c == quote) {
      if (high_surrogate != 0) append_utf8(literal.value, 0xFFFD);
      literal.end = i + 1;
      return literal;
    }
    if (quote != '`' && is_line_end(c)) return literal;
    if (quote == '`' && c == '$' && i + 1 < text.size() && text[i + 1] == '{')
      literal.constant = false;
    if (c != '\\') {
      if (high_surrogate != 0) append_utf8(literal.value, 0xFFFD);
      high_surrogate = 0;
      literal.value += c;
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return literal;
    const char e = text[i + 1];
    i += 2;
    std::uint32_t code_point = 0;
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
        code_point = static_cast<std::uint32_t>(value);
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
        code_point = static_cast<std::uint32_t>(value);
        is_code_point = true;
        break;
      }
      default:
        literal.value += e;
    }
    if (!is_code_point) continue;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (high_surrogate != 0) append_utf8(literal.value, 0xFFFD);
      high_surrogate = code_point;
      continue;
    }
    if (code_point >= 0xDC00 && code_point <= 0xDFFF && high_surrogate != 0) {
      code_point = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code_point - 0xDC00);
    } else if (high_surrogate != 0) {
      append_utf8(literal.value, 0xFFFD);
    }
    high_surrogate = 0;
    append_utf8(literal.value, code_point);
  }
  return literal;
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

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

std::string_view read_identifier(std::string_view text, std::size_t i) {
  std::size_t end = i;
  while (end < text.size() && is_identifier_char(text[end])) ++end;
  return text.substr(i, end - i);
}

// Whether an expression ends right after a literal that ends at `i`: the literal is then
// the whole right-hand side. A line break ends it unless an operator continues the line.
bool ends_expression(std::string_view text, std::size_t i, bool in_call) {
  bool line_break = false;
  for (; i < text.size() && is_space(text[i]); ++i) {
    if (is_line_end(text[i])) line_break = true;
  }
  if (i >= text.size()) return !in_call;
  const char c = text[i];
  if (in_call) return c == ')' || c == ',';
  if (std::string_view(";,)}]:").find(c) != npos) return true;
  return line_break && std::string_view("+-*/%.?[(|&=<>^!~`,").find(c) == npos;
}

constexpr std::array<std::string_view, 5> location_owners = {"window", "document", "top", "self",
                                                             "parent"};
constexpr std::array<std::string_view, 5> owner_patterns = {
    "window.location", "document.location", "top.location", "self.location", "parent.location"};

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

class navigation_scanner {
 public:
  navigation_scanner(std::string_view script, std::size_t max_count,
                     std::vector<script_navigation>& out)
      : text_(script), max_count_(max_count), out_(out) {}

  bool run() {
    std::size_t i = 0;
    bool regex_allowed = true;
    std::string_view previous_word;
    while (i < text_.size()) {
      const char c = text_[i];
      if (is_space(c)) {
        ++i;
        continue;
      }
      if (c == '/' && i + 1 < text_.size() && (text_[i + 1] == '/' || text_[i + 1] == '*')) {
        const auto close = text_[i + 1] == '/' ? npos : text_.find("*/", i + 2);
        i = text_[i + 1] == '/' ? line_end(i) : close == npos ? text_.size() : close + 2;
        continue;
      }
      if (text_.compare(i, 4, "<!--") == 0) {
        i = line_end(i);  // old pages wrap scripts in HTML comments
        continue;
      }
      if (is_identifier_char(c) && !is_ascii_digit(c)) {
        const auto word = read_identifier(text_, i);
        if (word == "location" && previous_word != "var" && previous_word != "let" &&
            previous_word != "const" && previous_word != "function" && !match(i, i + word.size())) {
          return false;
        }
        i += word.size();
        previous_word = word;
        regex_allowed = expression_may_follow(word);
        continue;
      }
      previous_word = {};
      if (c == '/' && regex_allowed) {
        i = skip_regex(i);
        regex_allowed = false;
      } else if (c == '"' || c == '\'' || c == '`') {
        const auto end = c == '`' ? skip_template(i + 1) : string_end(text_, i);
        i = end == npos ? line_end(i) : end;
        regex_allowed = false;
      } else if (c == '}' && !template_braces_.empty() && template_braces_.back() == braces_) {
        template_braces_.pop_back();
        const auto end = skip_template(i + 1);
        i = end == npos ? text_.size() : end;
        regex_allowed = false;
      } else if (is_ascii_digit(c)) {
        while (i < text_.size() && (is_identifier_char(text_[i]) || text_[i] == '.')) ++i;
        regex_allowed = false;
      } else {
        if (c == '{') ++braces_;
        if (c == '}' && braces_ > 0) --braces_;
        regex_allowed = c != ')' && c != ']';
        ++i;
      }
    }
    return true;
  }

 private:
  std::size_t line_end(std::size_t i) const {
    while (i < text_.size() && !is_line_end(text_[i])) ++i;
    return i;
  }

  std::size_t skip_regex(std::size_t i) const {
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
  std::size_t skip_template(std::size_t i) {
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

  // At an identifier "location" spanning [begin, end): records a navigation if one is
  // written there. Returns false when `out_` is full.
  bool match(std::size_t begin, std::size_t end) {
    std::string_view owner_pattern;
    std::size_t before = begin;
    while (before > 0 && is_space(text_[before - 1])) --before;
    if (before > 0 && text_[before - 1] == '.') {
      std::size_t owner_end = before - 1;
      while (owner_end > 0 && is_space(text_[owner_end - 1])) --owner_end;
      std::size_t owner_begin = owner_end;
      while (owner_begin > 0 && is_identifier_char(text_[owner_begin - 1])) --owner_begin;
      const auto owner = text_.substr(owner_begin, owner_end - owner_begin);
      for (std::size_t k = 0; k < location_owners.size(); ++k) {
        if (owner == location_owners[k]) owner_pattern = owner_patterns[k];
      }
      if (owner_pattern.empty()) return true;  // some other object's location property
    }

    std::string_view pattern;
    bool call = false;
    std::size_t i = skip_spaces(text_, end);
    if (i < text_.size() && text_[i] == '.') {
      i = skip_spaces(text_, i + 1);
      const auto member = read_identifier(text_, i);
      i = skip_spaces(text_, i + member.size());
      if (member == "href" && is_assignment(i)) {
        pattern = owner_pattern.empty() ? "location.href" : owner_pattern;
        ++i;
      } else if ((member == "replace" || member == "assign") && i < text_.size() &&
                 text_[i] == '(') {
        pattern = member == "replace" ? "location.replace" : "location.assign";
        call = true;
        ++i;
      } else {
        return true;
      }
    } else if (is_assignment(i)) {
      pattern = owner_pattern.empty() ? "location" : owner_pattern;
      ++i;
    } else {
      return true;
    }

    if (out_.size() >= max_count_) return false;
    script_navigation navigation{pattern, std::nullopt};
    i = skip_spaces(text_, i);
    if (i < text_.size() && (text_[i] == '"' || text_[i] == '\'' || text_[i] == '`')) {
      auto literal = read_string(text_, i);
      if (literal.end != npos && literal.constant && ends_expression(text_, literal.end, call)) {
        navigation.literal = std::move(literal.value);
      }
    }
    out_.push_back(std::move(navigation));
    return true;
  }

  // '=' that assigns, not '==' or '=>'.
  bool is_assignment(std::size_t i) const {
    return i < text_.size() && text_[i] == '=' &&
           (i + 1 >= text_.size() || (text_[i + 1] != '=' && text_[i + 1] != '>'));
  }

  std::string_view text_;
  std::size_t max_count_;
  std::vector<script_navigation>& out_;
  std::size_t braces_ = 0;
  std::vector<std::size_t> template_braces_;  // brace depth at each open "${"
};

}  // namespace

bool find_script_navigations(std::string_view script, std::size_t max_count,
                             std::vector<script_navigation>& out) {
  return navigation_scanner(script, max_count, out).run();
}

}  // namespace geocrawl
