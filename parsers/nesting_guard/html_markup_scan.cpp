#include "parsers/nesting_guard/html_markup_scan.hpp"

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Steps over one attribute the way the tokenizer's attribute states do: quoted values
// may hold '>' and '/', unquoted ones end at whitespace or '>'. `i` is at the attribute
// name. Returns npos when the input ends inside the tag.
std::size_t skip_attribute(std::string_view text, std::size_t i, std::string_view* name,
                           std::string_view* value) {
  const std::size_t name_begin = i++;  // the first character may be '='
  while (i < text.size() && !is_ascii_whitespace(text[i]) && text[i] != '/' && text[i] != '>' &&
         text[i] != '=') {
    ++i;
  }
  *name = text.substr(name_begin, i - name_begin);
  *value = {};
  std::size_t j = i;
  while (j < text.size() && is_ascii_whitespace(text[j])) ++j;
  if (j >= text.size()) return npos;
  if (text[j] != '=') return i;
  ++j;
  while (j < text.size() && is_ascii_whitespace(text[j])) ++j;
  if (j >= text.size()) return npos;
  if (text[j] == '"' || text[j] == '\'') {
    const std::size_t close = text.find(text[j], j + 1);
    if (close == npos) return npos;
    *value = text.substr(j + 1, close - j - 1);
    return close + 1;
  }
  const std::size_t value_begin = j;
  while (j < text.size() && !is_ascii_whitespace(text[j]) && text[j] != '>') ++j;
  *value = text.substr(value_begin, j - value_begin);
  return j;
}

bool tag_name_at(std::string_view html, std::size_t i, std::string_view name) {
  const std::size_t after = i + name.size();
  return after < html.size() && markup_name_equals(html.substr(i, name.size()), name) &&
         (is_ascii_whitespace(html[after]) || html[after] == '/' || html[after] == '>');
}

bool end_tag_at(std::string_view html, std::size_t i, std::string_view name) {
  return html.compare(i, 2, "</") == 0 && tag_name_at(html, i + 2, name);
}

}  // namespace

bool markup_name_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_ascii_lower(a[i]) != to_ascii_lower(b[i])) return false;
  }
  return true;
}

std::size_t read_markup_tag(std::string_view html, std::size_t name_begin, markup_tag& tag) {
  std::size_t i = name_begin;
  while (i < html.size() && !is_ascii_whitespace(html[i]) && html[i] != '/' && html[i] != '>') ++i;
  tag.name = html.substr(name_begin, i - name_begin);
  tag.tag = gumbo_tagn_enum(tag.name.data(), static_cast<unsigned>(tag.name.size()));
  const std::size_t attributes_begin = i;
  while (true) {
    while (i < html.size() && is_ascii_whitespace(html[i])) ++i;
    if (i >= html.size()) return npos;
    if (html[i] == '>') {
      tag.attributes = html.substr(attributes_begin, i - attributes_begin);
      return i + 1;
    }
    if (html[i] == '/') {
      if (i + 1 < html.size() && html[i + 1] == '>') {
        tag.attributes = html.substr(attributes_begin, i - attributes_begin);
        tag.self_closing = true;
        return i + 2;
      }
      ++i;
      continue;
    }
    std::string_view name;
    std::string_view value;
    i = skip_attribute(html, i, &name, &value);
    if (i == npos) return npos;
  }
}

bool find_markup_attribute(std::string_view attributes, std::string_view name,
                           std::string_view* value) {
  std::size_t i = 0;
  while (true) {
    while (i < attributes.size() && (is_ascii_whitespace(attributes[i]) || attributes[i] == '/'))
      ++i;
    if (i >= attributes.size()) return false;
    std::string_view found;
    i = skip_attribute(attributes, i, &found, value);
    if (markup_name_equals(found, name)) return true;
    if (i == npos) return false;
  }
}

std::size_t find_raw_text_end(std::string_view html, std::size_t from, std::string_view element) {
  for (std::size_t i = html.find("</", from); i != npos; i = html.find("</", i + 2)) {
    if (end_tag_at(html, i, element)) return i;
  }
  return npos;
}

std::size_t find_script_end(std::string_view html, std::size_t from) {
  enum class state { data, escaped, double_escaped } st = state::data;
  std::size_t dashes = 0;
  for (std::size_t i = from; i < html.size();) {
    const char c = html[i];
    if (st == state::data) {
      if (c == '<' && end_tag_at(html, i, "script")) return i;
      if (c == '<' && html.compare(i, 4, "<!--") == 0) {
        st = state::escaped;
        dashes = 2;  // "<!-->" leaves the escape at once
        i += 4;
        continue;
      }
      ++i;
      continue;
    }
    if (c == '-') {
      ++dashes;
      ++i;
      continue;
    }
    const bool after_dashes = dashes >= 2;
    dashes = 0;
    if (c == '>' && after_dashes) {
      st = state::data;
    } else if (c == '<' && st == state::escaped) {
      if (end_tag_at(html, i, "script")) return i;
      if (tag_name_at(html, i + 1, "script")) {
        st = state::double_escaped;
        i += 7;
        continue;
      }
    } else if (c == '<' && end_tag_at(html, i, "script")) {
      st = state::escaped;
      i += 8;
      continue;
    }
    ++i;
  }
  return npos;
}

std::size_t find_comment_end(std::string_view html, std::size_t after_open) {
  if (html.compare(after_open, 1, ">") == 0) return after_open + 1;
  if (html.compare(after_open, 2, "->") == 0) return after_open + 2;
  for (std::size_t i = html.find("--", after_open); i != npos; i = html.find("--", i + 1)) {
    if (html.compare(i + 2, 1, ">") == 0) return i + 3;
    if (html.compare(i + 2, 2, "!>") == 0) return i + 4;
  }
  return npos;
}

}  // namespace geocrawl
