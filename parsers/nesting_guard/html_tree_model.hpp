#pragma once
// A model of gumbo 0.10.1's tree construction that tracks only what bounds its cost: the
// stack of open elements and the list of active formatting elements, fed one token at a
// time by html_nesting's scanner. Table, select and template modes are in
// html_table_modes.cpp, the rest in html_tree_model.cpp.
//
// The rules follow gumbo (an older edition of the WHATWG tree builder, with quirks of its
// own), not today's specification, because gumbo's behaviour is what is bounded. The
// danger is popping more than gumbo does: one stray end tag the model honours and gumbo
// ignores, repeated, lets the real tree grow unnoticed. Where the model cannot follow
// gumbo it keeps elements open; after a <frameset> it stops trusting end tags at all
// ("pessimistic"); before foreign elements named like table parts, and CDATA at
// integration points, it cuts the document, because gumbo aborts on some of them.
// Randomised comparisons with gumbo's own trees (tests/parsers/html_nesting_test.cpp)
// check the model.
#include <cstddef>
#include <string_view>

#include "parsers/nesting_guard/html_markup_scan.hpp"
#include "parsers/nesting_guard/html_open_elements.hpp"
#include "parsers/nesting_guard/nesting_limits.hpp"

namespace geocrawl {

// How the tokenizer reads what follows a start tag.
enum class markup_content { markup, rcdata, rawtext, script, plaintext };

class html_tree_model {
 public:
  explicit html_tree_model(const nesting_limits& limits)
      : limits_(limits), elements_(limits.max_depth, limits.max_reconstructed) {}

  // Each returns false when a limit would be exceeded by the token, or when the token
  // would take gumbo somewhere the model cannot follow it.
  bool text(std::string_view run);  // a run of text between tags
  // Sets *next to how the tokenizer reads what follows the tag.
  bool start_tag(const markup_tag& token, markup_content* next);
  bool end_tag(const markup_tag& token);  // </br> inserts an element
  // Closes a raw text element (script, style, title, ...) at its end tag: gumbo's "text"
  // insertion mode pops the current node whatever the end tag says.
  void end_raw_text();

  bool current_is_foreign() const {
    return !elements_.empty() && elements_.top().space != markup_namespace::html;
  }
  // SVG <title>/<desc>/<foreignObject>, MathML <mi>..<mtext>, <annotation-xml> for HTML.
  bool current_is_integration_point() const {
    return current_is_foreign() && (elements_.top().html_ip || elements_.top().mathml_text_ip);
  }

  // Once pessimistic, the model no longer follows tokens: pessimistic_scan() counts what
  // gumbo may do with the rest. Returns the offset to cut at.
  bool pessimistic() const { return pessimistic_; }
  std::size_t pessimistic_scan(std::string_view html, std::size_t from);

 private:
  bool uses_foreign_rules(const markup_tag& token) const;
  bool push_foreign(const markup_tag& token, markup_namespace space);
  void generate_implied_end_tags(GumboTag except);
  template <class IsItem>
  void close_list_item(IsItem is_item);
  void end_form();
  void end_template();
  void clear_frameset_ok();
  bool leave_head(GumboTag tag);
  void enter_pessimistic();

  // html_table_modes.cpp
  bool start_tag_in_select(const markup_tag& token, markup_content* next);
  bool end_tag_in_select(const markup_tag& token);
  std::size_t open_select() const;
  bool table_start(const markup_tag& token);
  bool columns_start(const markup_tag& token);
  bool template_table_start(const markup_tag& token, std::size_t template_at);
  void table_end(GumboTag tag);

  nesting_limits limits_;
  open_elements elements_;
  bool in_head_ = true;      // no body content yet: a <noscript> here is "in head noscript"
  bool form_open_ = false;   // gumbo's form element pointer is set
  bool frameset_ok_ = true;  // a <frameset> may still replace the body
  bool pessimistic_ = false;
  std::size_t depth_ = 0;             // while pessimistic: elements possibly open
  std::size_t formatting_count_ = 0;  // while pessimistic: formatting elements possibly listed
  std::size_t reconstructed_ = 0;     // while pessimistic: formatting elements possibly re-created
};

}  // namespace geocrawl
