#include "parsers/nesting_guard/html_open_elements.hpp"

#include <array>
#include <initializer_list>

namespace geocrawl {
namespace {

using traits_table = std::array<std::uint32_t, GUMBO_TAG_LAST + 1>;

// The lists in gumbo 0.10.1's parser.c; where the Debian build behaves differently (it
// treats <main> as a block, <rb> and <rtc> as ruby parts), the behaviour wins.
constexpr traits_table make_traits() {
  traits_table table{};
  const auto set = [&table](std::uint32_t bits, std::initializer_list<GumboTag> tags) {
    for (const auto tag : tags) table[tag] |= bits;
  };
  set(special, {GUMBO_TAG_ADDRESS,    GUMBO_TAG_APPLET,     GUMBO_TAG_AREA,     GUMBO_TAG_ARTICLE,
                GUMBO_TAG_ASIDE,      GUMBO_TAG_BASE,       GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
                GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,       GUMBO_TAG_BR,       GUMBO_TAG_BUTTON,
                GUMBO_TAG_CAPTION,    GUMBO_TAG_CENTER,     GUMBO_TAG_COL,      GUMBO_TAG_COLGROUP,
                GUMBO_TAG_MENUITEM,   GUMBO_TAG_DD,         GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,
                GUMBO_TAG_DIV,        GUMBO_TAG_DL,         GUMBO_TAG_DT,       GUMBO_TAG_EMBED,
                GUMBO_TAG_FIELDSET,   GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,   GUMBO_TAG_FOOTER,
                GUMBO_TAG_FORM,       GUMBO_TAG_FRAME,      GUMBO_TAG_FRAMESET, GUMBO_TAG_H1,
                GUMBO_TAG_H2,         GUMBO_TAG_H3,         GUMBO_TAG_H4,       GUMBO_TAG_H5,
                GUMBO_TAG_H6,         GUMBO_TAG_HEAD,       GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,
                GUMBO_TAG_HR,         GUMBO_TAG_HTML,       GUMBO_TAG_IFRAME,   GUMBO_TAG_IMG,
                GUMBO_TAG_INPUT,      GUMBO_TAG_ISINDEX,    GUMBO_TAG_LI,       GUMBO_TAG_LINK,
                GUMBO_TAG_LISTING,    GUMBO_TAG_MARQUEE,    GUMBO_TAG_MENU,     GUMBO_TAG_META,
                GUMBO_TAG_NAV,        GUMBO_TAG_NOEMBED,    GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT,
                GUMBO_TAG_OBJECT,     GUMBO_TAG_OL,         GUMBO_TAG_P,        GUMBO_TAG_PARAM,
                GUMBO_TAG_PLAINTEXT,  GUMBO_TAG_PRE,        GUMBO_TAG_SCRIPT,   GUMBO_TAG_SECTION,
                GUMBO_TAG_SELECT,     GUMBO_TAG_SOURCE,     GUMBO_TAG_STYLE,    GUMBO_TAG_SUMMARY,
                GUMBO_TAG_TABLE,      GUMBO_TAG_TBODY,      GUMBO_TAG_TD,       GUMBO_TAG_TEMPLATE,
                GUMBO_TAG_TEXTAREA,   GUMBO_TAG_TFOOT,      GUMBO_TAG_TH,       GUMBO_TAG_THEAD,
                GUMBO_TAG_TITLE,      GUMBO_TAG_TR,         GUMBO_TAG_TRACK,    GUMBO_TAG_UL,
                GUMBO_TAG_WBR,        GUMBO_TAG_XMP});
  set(scope_boundary,
      {GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION, GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TD,
       GUMBO_TAG_TH, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE});
  set(void_element,
      {GUMBO_TAG_AREA,     GUMBO_TAG_BASE,  GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR,
       GUMBO_TAG_COL,      GUMBO_TAG_EMBED, GUMBO_TAG_FRAME,    GUMBO_TAG_HR,      GUMBO_TAG_IMAGE,
       GUMBO_TAG_IMG,      GUMBO_TAG_INPUT, GUMBO_TAG_ISINDEX,  GUMBO_TAG_KEYGEN,  GUMBO_TAG_LINK,
       GUMBO_TAG_MENUITEM, GUMBO_TAG_META,  GUMBO_TAG_PARAM,    GUMBO_TAG_SOURCE,  GUMBO_TAG_TRACK,
       GUMBO_TAG_WBR});
  set(closes_p | closed_in_scope | no_reconstruct,
      {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
       GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
       GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
       GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,     GUMBO_TAG_MENU,
       GUMBO_TAG_NAV,     GUMBO_TAG_OL,       GUMBO_TAG_SECTION,    GUMBO_TAG_SUMMARY,
       GUMBO_TAG_UL,      GUMBO_TAG_PRE,      GUMBO_TAG_LISTING});
  set(closes_p | no_reconstruct,
      {GUMBO_TAG_P, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
       GUMBO_TAG_H6, GUMBO_TAG_FORM, GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_PLAINTEXT,
       GUMBO_TAG_HR});
  set(closes_p, {GUMBO_TAG_XMP});
  set(closed_in_scope, {GUMBO_TAG_BUTTON});
  set(heading,
      {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6});
  set(formatting, {GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
                   GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
                   GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U});
  set(marker, {GUMBO_TAG_APPLET, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_TD, GUMBO_TAG_TH,
               GUMBO_TAG_CAPTION, GUMBO_TAG_TEMPLATE});
  set(no_reconstruct,
      {GUMBO_TAG_TABLE,    GUMBO_TAG_PARAM,    GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,
       GUMBO_TAG_TEXTAREA, GUMBO_TAG_IFRAME,   GUMBO_TAG_NOEMBED,  GUMBO_TAG_RP,
       GUMBO_TAG_RT,       GUMBO_TAG_BASE,     GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
       GUMBO_TAG_MENUITEM, GUMBO_TAG_LINK,     GUMBO_TAG_META,     GUMBO_TAG_NOFRAMES,
       GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_TITLE,    GUMBO_TAG_TEMPLATE,
       GUMBO_TAG_CAPTION,  GUMBO_TAG_COL,      GUMBO_TAG_COLGROUP, GUMBO_TAG_FRAME,
       GUMBO_TAG_HEAD,     GUMBO_TAG_TBODY,    GUMBO_TAG_TD,       GUMBO_TAG_TFOOT,
       GUMBO_TAG_TH,       GUMBO_TAG_THEAD,    GUMBO_TAG_TR,       GUMBO_TAG_BODY,
       GUMBO_TAG_HTML,     GUMBO_TAG_FRAMESET, GUMBO_TAG_ISINDEX});
  set(frameset_not_ok,
      {GUMBO_TAG_PRE,    GUMBO_TAG_LISTING, GUMBO_TAG_LI,      GUMBO_TAG_DD,       GUMBO_TAG_DT,
       GUMBO_TAG_BUTTON, GUMBO_TAG_APPLET,  GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,   GUMBO_TAG_TABLE,
       GUMBO_TAG_AREA,   GUMBO_TAG_BR,      GUMBO_TAG_EMBED,   GUMBO_TAG_IMG,      GUMBO_TAG_IMAGE,
       GUMBO_TAG_KEYGEN, GUMBO_TAG_WBR,     GUMBO_TAG_HR,      GUMBO_TAG_TEXTAREA, GUMBO_TAG_XMP,
       GUMBO_TAG_IFRAME, GUMBO_TAG_SELECT});
  set(breakout,
      {GUMBO_TAG_B,      GUMBO_TAG_BIG,    GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,  GUMBO_TAG_BR,
       GUMBO_TAG_CENTER, GUMBO_TAG_CODE,   GUMBO_TAG_DD,         GUMBO_TAG_DIV,   GUMBO_TAG_DL,
       GUMBO_TAG_DT,     GUMBO_TAG_EM,     GUMBO_TAG_EMBED,      GUMBO_TAG_H1,    GUMBO_TAG_H2,
       GUMBO_TAG_H3,     GUMBO_TAG_H4,     GUMBO_TAG_H5,         GUMBO_TAG_H6,    GUMBO_TAG_HEAD,
       GUMBO_TAG_HR,     GUMBO_TAG_I,      GUMBO_TAG_IMG,        GUMBO_TAG_LI,    GUMBO_TAG_LISTING,
       GUMBO_TAG_MENU,   GUMBO_TAG_META,   GUMBO_TAG_NOBR,       GUMBO_TAG_OL,    GUMBO_TAG_P,
       GUMBO_TAG_PRE,    GUMBO_TAG_RUBY,   GUMBO_TAG_S,          GUMBO_TAG_SMALL, GUMBO_TAG_SPAN,
       GUMBO_TAG_STRONG, GUMBO_TAG_STRIKE, GUMBO_TAG_SUB,        GUMBO_TAG_SUP,   GUMBO_TAG_TABLE,
       GUMBO_TAG_TT,     GUMBO_TAG_U,      GUMBO_TAG_UL,         GUMBO_TAG_VAR});
  set(implied_end, {GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI, GUMBO_TAG_OPTION, GUMBO_TAG_OPTGROUP,
                    GUMBO_TAG_P, GUMBO_TAG_RB, GUMBO_TAG_RP, GUMBO_TAG_RT, GUMBO_TAG_RTC});
  // Newer than the rest of gumbo's tables: <main> closes a <p>; <rb> and <rtc> close
  // open ruby parts without re-creating formatting elements.
  set(closes_p | closed_in_scope | no_reconstruct, {GUMBO_TAG_MAIN});
  set(no_reconstruct, {GUMBO_TAG_RB, GUMBO_TAG_RTC});
  set(table_part, {GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD,
                   GUMBO_TAG_TH, GUMBO_TAG_CAPTION});
  set(table_text,
      {GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR});
  set(rcdata, {GUMBO_TAG_TITLE, GUMBO_TAG_TEXTAREA});
  set(rawtext,
      {GUMBO_TAG_STYLE, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES});
  set(script_data, {GUMBO_TAG_SCRIPT});
  set(plaintext, {GUMBO_TAG_PLAINTEXT});
  return table;
}

constexpr traits_table tag_traits = make_traits();

}  // namespace

bool has_trait(GumboTag tag, std::uint32_t traits) { return (tag_traits[tag] & traits) != 0; }

open_elements::open_elements(std::size_t max_depth, std::size_t max_reconstructed)
    : max_depth_(max_depth), max_reconstructed_(max_reconstructed) {
  stack_.reserve(64);
}

bool open_elements::is_special(const open_element& e) {
  switch (e.space) {
    case markup_namespace::html:
      return has_trait(e.tag, special);
    case markup_namespace::svg:  // not <title>: gumbo leaves it out
      return e.tag == GUMBO_TAG_FOREIGNOBJECT || e.tag == GUMBO_TAG_DESC;
    case markup_namespace::math:
      return e.tag == GUMBO_TAG_MI || e.tag == GUMBO_TAG_MO || e.tag == GUMBO_TAG_MN ||
             e.tag == GUMBO_TAG_MS || e.tag == GUMBO_TAG_MTEXT || e.tag == GUMBO_TAG_ANNOTATION_XML;
  }
  return false;
}

bool open_elements::ends_scope(const open_element& e, scope_kind kind) {
  if (e.space != markup_namespace::html) return e.html_ip || is_special(e);
  if (has_trait(e.tag, scope_boundary)) return true;
  if (kind == scope_kind::button) return e.tag == GUMBO_TAG_BUTTON;
  if (kind == scope_kind::list_item) return e.tag == GUMBO_TAG_UL || e.tag == GUMBO_TAG_OL;
  return false;
}

std::size_t open_elements::table_context() const {
  return find_from_top(
      [](const open_element& e) {
        if (e.space != markup_namespace::html) return false;
        if (e.tag == GUMBO_TAG_TEMPLATE) {
          return e.content == template_content::table || e.content == template_content::section ||
                 e.content == template_content::row;
        }
        return is_table_tag(e.tag);
      },
      [](const open_element& e) { return is_html(e, GUMBO_TAG_TEMPLATE); });
}

bool open_elements::push(open_element element) {
  if (stack_.size() >= max_depth_) return false;
  if (is_html(element, GUMBO_TAG_SELECT)) {
    // gumbo picks "in select in table" from its insertion mode, which foreign content
    // does not change: table_context() looks at HTML elements only.
    element.select_in_table = table_context() != npos;
  }
  element.in_select =
      element.space == markup_namespace::html &&
      (element.tag == GUMBO_TAG_SELECT ||
       (!stack_.empty() && stack_.back().in_select && element.tag != GUMBO_TAG_TEMPLATE));
  if (is_html(element, GUMBO_TAG_TEMPLATE)) ++templates_open_;
  stack_.push_back(element);
  return true;
}

bool open_elements::push_html(std::string_view name, GumboTag tag, std::string_view attributes) {
  open_element element;
  element.name = name;
  element.tag = tag;
  if (has_trait(tag, formatting)) element.format_id = add_formatting(name, tag, attributes);
  if (has_trait(tag, marker)) formatting_.push_back(formatting_entry{});
  return push(element);
}

void open_elements::release(const open_element& element) {
  if (is_html(element, GUMBO_TAG_TEMPLATE)) --templates_open_;
  if (element.format_id != 0) {
    const auto entry = formatting_index(element.format_id);
    if (entry != npos) formatting_[entry].on_stack = false;
  }
}

void open_elements::pop() {
  release(stack_.back());
  stack_.pop_back();
}

void open_elements::pop_to(std::size_t at) {
  if (at == npos) return;
  while (stack_.size() > at) pop();
}

void open_elements::erase(std::size_t at) {
  release(stack_[at]);
  stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(at));
}

void open_elements::close_table_parts_to(std::size_t at) {
  if (at == npos) return;
  bool cell = false;
  for (std::size_t i = at; i < stack_.size(); ++i) {
    cell = cell || is_html(stack_[i], GUMBO_TAG_TD) || is_html(stack_[i], GUMBO_TAG_TH) ||
           is_html(stack_[i], GUMBO_TAG_CAPTION);
  }
  pop_to(at);
  if (cell) clear_to_marker();
}

// Noah's Ark: at most three identical entries after the last marker.
std::uint32_t open_elements::add_formatting(std::string_view name, GumboTag tag,
                                            std::string_view attributes) {
  std::size_t identical = 0;
  std::size_t earliest = npos;
  for (std::size_t i = formatting_.size(); i-- > 0 && formatting_[i].tag != GUMBO_TAG_LAST;) {
    if (formatting_[i].tag == tag && formatting_[i].attributes == attributes) {
      ++identical;
      earliest = i;
    }
  }
  if (identical >= 3) erase_formatting(earliest);
  formatting_.push_back(formatting_entry{tag, name, attributes, ++next_id_, true});
  return next_id_;
}

std::size_t open_elements::last_formatting(GumboTag tag) const {
  for (std::size_t i = formatting_.size(); i-- > 0 && formatting_[i].tag != GUMBO_TAG_LAST;) {
    if (formatting_[i].tag == tag) return i;
  }
  return npos;
}

std::size_t open_elements::formatting_index(std::uint32_t id) const {
  for (std::size_t i = formatting_.size(); i-- > 0;) {
    if (formatting_[i].tag != GUMBO_TAG_LAST && formatting_[i].id == id) return i;
  }
  return npos;
}

std::size_t open_elements::stack_index(std::uint32_t format_id) const {
  for (std::size_t i = stack_.size(); i-- > 0;) {
    if (stack_[i].format_id == format_id) return i;
  }
  return npos;
}

void open_elements::erase_formatting(std::size_t index) {
  formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(index));
}

void open_elements::remove_formatting(GumboTag tag) {
  const auto entry = last_formatting(tag);
  if (entry == npos) return;
  const auto at = stack_index(formatting_[entry].id);
  erase_formatting(entry);
  if (at != npos) stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(at));
}

// gumbo 0.10.1's adoption agency (eight outer rounds, three inner steps), carried out on
// the stack and the list; the tree it rearranges is not modelled.
void open_elements::adoption_agency(GumboTag tag) {
  for (int round = 0; round < 8; ++round) {
    const auto entry = last_formatting(tag);
    if (entry == npos) return;
    const formatting_entry element = formatting_[entry];
    const auto at = stack_index(element.id);
    if (at == npos) {
      erase_formatting(entry);
      return;
    }
    if (in_scope([tag](const open_element& e) { return e.tag == tag; }) == npos) return;
    std::size_t furthest = at + 1;
    while (furthest < stack_.size() && !is_special(stack_[furthest])) ++furthest;
    if (furthest == stack_.size()) {
      pop_to(at);
      const auto left = formatting_index(element.id);
      if (left != npos) erase_formatting(left);
      return;
    }
    // Between the formatting element and the furthest block, up to three nodes: those
    // not in the list leave the stack, the others are replaced by clones in place.
    std::size_t bookmark = entry;
    std::size_t node = furthest;
    bool last_is_furthest = true;
    for (int step = 0; step < 3; ++step) {
      --node;
      const auto listed =
          stack_[node].format_id == 0 ? npos : formatting_index(stack_[node].format_id);
      if (listed == npos) {
        stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(node));
        --furthest;
        continue;
      }
      if (node == at) break;
      if (last_is_furthest) bookmark = listed + 1;
      last_is_furthest = false;
    }
    // The formatting element gives way to a new one just above the furthest block.
    const auto old_entry = formatting_index(element.id);
    erase_formatting(old_entry);
    if (old_entry < bookmark) --bookmark;
    formatting_.insert(
        formatting_.begin() + static_cast<std::ptrdiff_t>(bookmark),
        formatting_entry{element.tag, element.name, element.attributes, ++next_id_, true});
    open_element replacement = stack_[at];
    replacement.format_id = next_id_;
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(at));
    --furthest;
    replacement.in_select = stack_[furthest].in_select;
    stack_.insert(stack_.begin() + static_cast<std::ptrdiff_t>(furthest + 1), replacement);
  }
}

bool open_elements::reconstruct() {
  if (formatting_.empty() || formatting_.back().tag == GUMBO_TAG_LAST ||
      formatting_.back().on_stack)
    return true;
  std::size_t first = formatting_.size() - 1;
  while (first > 0 && formatting_[first - 1].tag != GUMBO_TAG_LAST &&
         !formatting_[first - 1].on_stack)
    --first;
  const std::size_t count = formatting_.size() - first;
  reconstructed_ += count;
  if (reconstructed_ > max_reconstructed_ || stack_.size() + count > max_depth_) return false;
  for (std::size_t i = first; i < formatting_.size(); ++i) {
    open_element clone;
    clone.name = formatting_[i].name;
    clone.tag = formatting_[i].tag;
    clone.format_id = formatting_[i].id;
    formatting_[i].on_stack = true;
    push(clone);
  }
  return true;
}

// gumbo clears once per closing step (a cell, a caption, </object>, </template>), not for
// every marker element popped, so entries can outlive the element whose marker they follow.
void open_elements::clear_to_marker() {
  while (!formatting_.empty()) {
    const bool was_marker = formatting_.back().tag == GUMBO_TAG_LAST;
    formatting_.pop_back();
    if (was_marker) break;
  }
}

std::size_t open_elements::formatting_count() const {
  std::size_t count = 0;
  for (const auto& entry : formatting_) count += entry.tag != GUMBO_TAG_LAST ? 1 : 0;
  return count;
}

std::size_t open_elements::closed_formatting_count() const {
  std::size_t count = 0;
  for (const auto& entry : formatting_)
    count += entry.tag != GUMBO_TAG_LAST && !entry.on_stack ? 1 : 0;
  return count;
}

}  // namespace geocrawl
