#pragma once
// The two structures of an HTML tree builder that decide how deeply a document nests:
// the stack of open elements and the list of active formatting elements, with the
// operations the tree construction rules apply to them (scope searches, the adoption
// agency, reconstruction). Tags only, no tree: html_nesting uses them to predict what
// gumbo 0.10.1 will build before gumbo builds it. Where gumbo departs from today's HTML
// Standard, these follow gumbo.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <gumbo.h>

namespace geocrawl {

// How gumbo's tree builder treats an HTML element, by tag.
enum tag_trait : std::uint32_t {
  special = 1u << 0,          // stops the "any other end tag" walk and the <li>/<dd> loops
  scope_boundary = 1u << 1,   // ends a "has an element in scope" search
  void_element = 1u << 2,     // inserted and popped at once
  closes_p = 1u << 3,         // start tag closes a <p> in button scope
  closed_in_scope = 1u << 4,  // end tag pops to its element when that is in scope
  formatting = 1u << 5,       // enters the list of active formatting elements
  marker = 1u << 6,           // pushes a marker onto that list
  no_reconstruct = 1u << 7,   // start tag does not re-create formatting elements first
  frameset_not_ok = 1u << 8,  // start tag makes a later <frameset> be ignored
  breakout = 1u << 9,         // start tag leaves SVG/MathML content
  implied_end = 1u << 10,     // popped by "generate implied end tags"
  table_part = 1u << 11,      // tbody, thead, tfoot, tr, td, th, caption
  table_text = 1u << 12,      // whitespace directly inside is not body text
  heading = 1u << 13,
  rcdata = 1u << 14,
  rawtext = 1u << 15,
  script_data = 1u << 16,
  plaintext = 1u << 17,
};

bool has_trait(GumboTag tag, std::uint32_t traits);

enum class markup_namespace : std::uint8_t { html, svg, math };

// How gumbo's "in template" mode reads a template's content, fixed by its first start
// tag: as body content, or in the table, table body, row or column group mode.
enum class template_content : std::uint8_t { undecided, body, table, section, row, columns };

struct open_element {
  std::string_view name;  // as written: foreign end tags match by name
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  markup_namespace space = markup_namespace::html;
  bool html_ip = false;          // SVG foreignObject/desc/title, MathML annotation-xml for HTML
  bool mathml_text_ip = false;   // mi, mo, mn, ms, mtext
  bool in_select = false;        // a <select> is open above the nearest <template>
  bool select_in_table = false;  // for <select>: opened in a table, so table tags close it
  bool in_head = false;          // for <noscript>: opened in <head>, which limits its content
  template_content content = template_content::undecided;  // for <template> only
  std::uint32_t format_id = 0;  // its entry in the list of active formatting elements
};

enum class scope_kind { element, button, list_item };

// Matches an HTML element by tag, for the stack searches.
struct html_element_is {
  GumboTag tag;
  bool operator()(const open_element& e) const {
    return e.space == markup_namespace::html && e.tag == tag;
  }
};

class open_elements {
 public:
  open_elements(std::size_t max_depth, std::size_t max_reconstructed);

  std::size_t size() const { return stack_.size(); }
  bool empty() const { return stack_.empty(); }
  open_element& top() { return stack_.back(); }
  const open_element& top() const { return stack_.back(); }
  const open_element& operator[](std::size_t i) const { return stack_[i]; }
  std::size_t templates_open() const { return templates_open_; }

  static bool is_html(const open_element& e, GumboTag tag) {
    return e.space == markup_namespace::html && e.tag == tag;
  }
  bool top_is(GumboTag tag) const { return !stack_.empty() && is_html(stack_.back(), tag); }
  static bool is_special(const open_element& e);
  static bool is_table_tag(GumboTag tag) {
    return has_trait(tag, table_part) || tag == GUMBO_TAG_TABLE;
  }
  static bool is_table_scope_boundary(const open_element& e) {
    return is_html(e, GUMBO_TAG_TABLE) || is_html(e, GUMBO_TAG_TEMPLATE);
  }

  // Walks from the current node down: the index of the first element matching `want`,
  // or npos when `stop` matches first.
  template <class Want, class Stop>
  std::size_t find_from_top(Want want, Stop stop) const {
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (want(stack_[i])) return i;
      if (stop(stack_[i])) return npos;
    }
    return npos;
  }

  // "Has an element in scope", in the default, button or list item flavour.
  template <class Want>
  std::size_t in_scope(Want want, scope_kind kind = scope_kind::element) const {
    return find_from_top(want, [kind](const open_element& e) { return ends_scope(e, kind); });
  }

  // The innermost HTML table, table part or table-content template, or npos.
  std::size_t table_context() const;

  // Each returns false when the depth limit would be exceeded.
  bool push(open_element element);
  // Pushes an HTML element, entering it (or its marker) in the formatting list.
  bool push_html(std::string_view name, GumboTag tag, std::string_view attributes = {});

  void pop();
  void pop_to(std::size_t at);  // down to and including `at`; npos pops nothing
  void erase(std::size_t at);   // one element from the middle, as </form> does
  // Pops to `at`, clearing the formatting list once if a cell or caption is among the
  // popped, as closing the cell or caption first does in gumbo.
  void close_table_parts_to(std::size_t at);

  // Re-creates the formatting elements after the last marker that are no longer open.
  // Returns false when the depth or re-creation limit would be exceeded.
  bool reconstruct();
  // gumbo's adoption agency for an end tag (or a repeated <a> / <nobr>).
  void adoption_agency(GumboTag tag);
  bool has_formatting(GumboTag tag) const { return last_formatting(tag) != npos; }
  // Removes the last such formatting element from the list and the stack (<a> in <a>).
  void remove_formatting(GumboTag tag);
  // "Clear the list of active formatting elements up to the last marker".
  void clear_to_marker();

  // Formatting elements in the list, and how many of them are not open.
  std::size_t formatting_count() const;
  std::size_t closed_formatting_count() const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  struct formatting_entry {
    GumboTag tag = GUMBO_TAG_LAST;  // GUMBO_TAG_LAST marks a scope marker
    std::string_view name;
    std::string_view attributes;  // raw text: equal text means equal attributes (Noah's Ark)
    std::uint32_t id = 0;
    bool on_stack = false;
  };

  static bool ends_scope(const open_element& e, scope_kind kind);
  std::uint32_t add_formatting(std::string_view name, GumboTag tag, std::string_view attributes);
  std::size_t last_formatting(GumboTag tag) const;
  std::size_t formatting_index(std::uint32_t id) const;
  std::size_t stack_index(std::uint32_t format_id) const;
  void erase_formatting(std::size_t index);
  void release(const open_element& element);

  std::size_t max_depth_;
  std::size_t max_reconstructed_;
  std::vector<open_element> stack_;
  std::vector<formatting_entry> formatting_;
  std::uint32_t next_id_ = 0;
  std::size_t reconstructed_ = 0;
  std::size_t templates_open_ = 0;
};

}  // namespace geocrawl
