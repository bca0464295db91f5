#include "parsers/script_redirects.hpp"

#include <array>
#include <utility>

#include "parsers/javascript_lexer.hpp"

namespace geocrawl {
namespace {

using javascript::is_identifier_char;
using javascript::is_line_end;
using javascript::is_space;
using javascript::read_identifier;
using javascript::skip_spaces;

constexpr std::size_t npos = std::string_view::npos;

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

class navigation_scanner {
 public:
  navigation_scanner(std::string_view script, std::size_t max_count,
                     std::vector<script_navigation>& out)
      : text_(script), max_count_(max_count), out_(out) {}

  bool run() {
    javascript::lexer lexer(text_);
    std::string_view previous_word;
    for (auto token = lexer.next(); token.kind != javascript::token_kind::end;
         token = lexer.next()) {
      if (token.kind != javascript::token_kind::identifier) {
        previous_word = {};
        continue;
      }
      const auto word = text_.substr(token.begin, token.end - token.begin);
      if (word == "location" && previous_word != "var" && previous_word != "let" &&
          previous_word != "const" && previous_word != "function" &&
          !match(token.begin, token.end)) {
        return false;
      }
      previous_word = word;
    }
    return true;
  }

 private:
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
      auto literal = javascript::read_string_literal(text_, i);
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
};

}  // namespace

bool find_script_navigations(std::string_view script, std::size_t max_count,
                             std::vector<script_navigation>& out) {
  return navigation_scanner(script, max_count, out).run();
}

}  // namespace geocrawl
