#include "crawler/report/html_escape.hpp"

#include "crawler/report/bounded_text.hpp"
#include "parsers/charset/utf8.hpp"

namespace geocrawl {

namespace {

// The five characters that can end a text node, an attribute value or start markup. Escaping
// all five everywhere keeps one rule for both contexts.
void append_escaped(std::string& out, std::string_view utf8) {
  for (char c : utf8) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        append_utf8(out, replacement_code_point);
        break;
      default:
        out += c;
    }
  }
}

void append_escaped_repaired(std::string& out, std::string_view untrusted) {
  if (first_non_ascii(untrusted) == untrusted.size()) {
    append_escaped(out, untrusted);
    return;
  }
  append_escaped(out, decode_utf8(untrusted).utf8);
}

}  // namespace

void append_html_text(std::string& out, std::string_view untrusted) {
  append_escaped_repaired(out, untrusted);
}

std::string html_text(std::string_view untrusted) {
  std::string out;
  append_html_text(out, untrusted);
  return out;
}

std::string html_text_bounded(std::string_view untrusted, std::size_t max_bytes) {
  auto shown = utf8_prefix(untrusted, max_bytes);
  auto out = html_text(shown);
  if (shown.size() < untrusted.size()) {
    out += "… (" + std::to_string(untrusted.size()) + " bytes)";
  }
  return out;
}

std::string html_attribute(std::string_view untrusted) {
  std::string out;
  append_escaped_repaired(out, untrusted);
  return out;
}

std::string without_credentials(std::string_view text) {
  std::string out;
  std::size_t from = 0;
  for (auto scheme_end = text.find("://"); scheme_end != std::string_view::npos;
       scheme_end = text.find("://", from)) {
    auto authority = scheme_end + 3;
    // The authority ends at the first '/', '?', '#' or white space; user info is what comes
    // before its last '@'.
    auto authority_end = text.find_first_of("/?# \t\r\n\"'<>", authority);
    if (authority_end == std::string_view::npos) authority_end = text.size();
    auto at = text.substr(authority, authority_end - authority).rfind('@');
    out.append(text.substr(from, authority - from));
    from = at == std::string_view::npos ? authority : authority + at + 1;
  }
  out.append(text.substr(from));
  return out;
}

}  // namespace geocrawl
