#include "parsers/nesting_guard/html_nesting.hpp"

#include "parsers/ascii.hpp"
#include "parsers/charset/byte_order_mark.hpp"
#include "parsers/nesting_guard/html_markup_scan.hpp"
#include "parsers/nesting_guard/html_tree_model.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t npos = std::string_view::npos;

}  // namespace

// Steps through the document token by token, as gumbo's tokenizer would, and feeds each
// to the tree model; cuts before the first token the model says would exceed the limits.
std::size_t bounded_html_prefix(std::string_view html, const nesting_limits& limits) {
  html_tree_model model(limits);
  const std::size_t n = html.size();
  // A byte order mark may or may not reach gumbo as text; treating it as absent keeps a
  // following <frameset> on the pessimistic side.
  std::size_t i = html.starts_with(utf8_byte_order_mark) ? 3 : 0;
  while (i < n) {
    if (model.pessimistic()) return model.pessimistic_scan(html, i);
    const std::size_t lt = html.find('<', i);
    if (lt != i && !model.text(html.substr(i, (lt == npos ? n : lt) - i))) return i;
    if (lt == npos) return n;
    if (lt + 1 >= n) return model.text("<") ? n : lt;

    const char next = html[lt + 1];
    std::size_t end = npos;
    if (html.compare(lt, 4, "<!--") == 0) {
      end = find_comment_end(html, lt + 4);
    } else if (next == '!' && model.current_is_foreign() && html.compare(lt, 9, "<![CDATA[") == 0) {
      // Text after a CDATA section at an integration point inside a table trips an
      // assertion in gumbo 0.10.1 (handle_in_table: the text buffer is not empty), and
      // Debian's build keeps assertions: abort(). No real page needs the section.
      if (model.current_is_integration_point()) return lt;
      end = html.find("]]>", lt + 9);
      if (end != npos && !model.text(html.substr(lt + 9, end - lt - 9))) return lt;
      if (end != npos) end += 3;
    } else if (next == '!' || next == '?') {
      end = html.find('>', lt + 2);
      if (end != npos) ++end;
    } else if (next == '/') {
      if (lt + 2 >= n) return model.text("</") ? n : lt;
      if (html[lt + 2] == '>') {
        end = lt + 3;
      } else if (!is_ascii_alpha(html[lt + 2])) {
        end = html.find('>', lt + 2);
        if (end != npos) ++end;
      } else {
        markup_tag token;
        end = read_markup_tag(html, lt + 2, token);
        if (end != npos && !model.end_tag(token)) return lt;
      }
    } else if (is_ascii_alpha(next)) {
      markup_tag token;
      end = read_markup_tag(html, lt + 1, token);
      markup_content body = markup_content::markup;
      if (end != npos && !model.start_tag(token, &body)) return lt;
      if (end != npos && body != markup_content::markup) {
        if (body == markup_content::plaintext) return n;
        const std::size_t close = body == markup_content::script
                                      ? find_script_end(html, end)
                                      : find_raw_text_end(html, end, token.name);
        if (close == npos) return n;
        markup_tag closing;
        end = read_markup_tag(html, close + 2, closing);
        model.end_raw_text();
      }
    } else {
      if (!model.text("<")) return lt;
      end = lt + 1;
    }
    if (end == npos) return n;  // the rest is inside a comment, a tag or raw text
    i = end;
  }
  return n;
}

}  // namespace geocrawl
