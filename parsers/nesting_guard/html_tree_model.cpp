#include "parsers/nesting_guard/html_tree_model.hpp"

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t npos = open_elements::npos;

template_content template_content_for(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_COL:
      return template_content::columns;
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
      return template_content::table;
    case GUMBO_TAG_TR:
      return template_content::section;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return template_content::row;
    default:
      return template_content::body;
  }
}

// Start tags that "in template" hands to the in-head rules without settling the mode.
bool is_head_content(GumboTag tag) {
  return tag == GUMBO_TAG_BASE || tag == GUMBO_TAG_BASEFONT || tag == GUMBO_TAG_BGSOUND ||
         tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_META || tag == GUMBO_TAG_NOFRAMES ||
         tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE ||
         tag == GUMBO_TAG_TITLE;
}

// gumbo resets its insertion mode by tag name alone, whatever the namespace.
bool resets_insertion_mode(GumboTag tag) {
  return open_elements::is_table_tag(tag) || tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_COLGROUP ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_BODY ||
         tag == GUMBO_TAG_FRAMESET || tag == GUMBO_TAG_HTML;
}

bool is_breakout(const markup_tag& token) {
  if (has_trait(token.tag, breakout)) return true;
  std::string_view value;
  return token.tag == GUMBO_TAG_FONT && (find_markup_attribute(token.attributes, "color", &value) ||
                                         find_markup_attribute(token.attributes, "face", &value) ||
                                         find_markup_attribute(token.attributes, "size", &value));
}

}  // namespace

bool html_tree_model::text(std::string_view run) {
  bool only_nul = true;
  bool only_space = true;  // NUL counting as space: the body drops it
  bool only_whitespace = true;
  // Called for every text run of every page: the first visible character settles all three.
  for (const char c : run) {
    if (c == '\0') {
      only_whitespace = false;
      continue;
    }
    only_nul = false;
    if (!is_ascii_whitespace(c)) {
      only_space = false;
      only_whitespace = false;
      break;
    }
  }
  if (!only_whitespace && in_head_) leave_head(GUMBO_TAG_UNKNOWN);
  if (only_nul) return true;
  if (!only_space) clear_frameset_ok();
  if (!only_space && elements_.top_is(GUMBO_TAG_COLGROUP)) elements_.pop();
  if (elements_.empty()) return elements_.reconstruct();
  const auto& top = elements_.top();
  if (top.space != markup_namespace::html && !top.html_ip && !top.mathml_text_ip) return true;
  if (top.in_select) return true;
  if (open_elements::is_html(top, GUMBO_TAG_TEMPLATE) && top.content == template_content::columns)
    return true;
  if (only_space && top.space == markup_namespace::html && has_trait(top.tag, table_text))
    return true;
  return elements_.reconstruct();
}

bool html_tree_model::start_tag(const markup_tag& token, markup_content* next) {
  *next = markup_content::markup;
  if (uses_foreign_rules(token)) {
    if (!is_breakout(token)) return push_foreign(token, elements_.top().space);
    while (!elements_.empty() && elements_.top().space != markup_namespace::html &&
           !elements_.top().html_ip && !elements_.top().mathml_text_ip) {
      elements_.pop();
    }
  }
  if (!elements_.empty() && elements_.top().in_select) return start_tag_in_select(token, next);

  const GumboTag tag = token.tag;
  if (elements_.top_is(GUMBO_TAG_TEMPLATE) &&
      elements_.top().content == template_content::undecided && !is_head_content(tag)) {
    elements_.top().content = template_content_for(tag);
  }
  if (elements_.top_is(GUMBO_TAG_COLGROUP) && tag != GUMBO_TAG_TEMPLATE) {
    // Column group mode: <col> stays inside, anything else closes the group first.
    if (tag == GUMBO_TAG_COL) return true;
    elements_.pop();
  }
  if (elements_.top_is(GUMBO_TAG_TEMPLATE) &&
      elements_.top().content == template_content::columns) {
    // Column group mode with a template as current node ignores all but these.
    return tag == GUMBO_TAG_TEMPLATE ? elements_.push_html(token.name, tag) : true;
  }
  if (in_head_ && !leave_head(tag)) return true;
  if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_BODY) return true;
  if (tag == GUMBO_TAG_FRAMESET) {
    // A <frameset> gumbo honours switches it to a mode this model does not follow.
    if (frameset_ok_) enter_pessimistic();
    return true;
  }
  if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) {
    return elements_.reconstruct() &&
           push_foreign(token,
                        tag == GUMBO_TAG_SVG ? markup_namespace::svg : markup_namespace::math);
  }
  if (open_elements::is_table_tag(tag)) return table_start(token);
  if (tag == GUMBO_TAG_COL || tag == GUMBO_TAG_COLGROUP) return columns_start(token);
  if (tag == GUMBO_TAG_FRAME) return true;

  std::string_view type;
  const bool hidden_input = tag == GUMBO_TAG_INPUT &&
                            find_markup_attribute(token.attributes, "type", &type) &&
                            markup_name_equals(type, "hidden");
  if (has_trait(tag, frameset_not_ok)) clear_frameset_ok();
  if (tag == GUMBO_TAG_A && elements_.has_formatting(GUMBO_TAG_A)) {
    elements_.adoption_agency(GUMBO_TAG_A);
    elements_.remove_formatting(GUMBO_TAG_A);
  } else if (tag == GUMBO_TAG_NOBR) {
    if (!elements_.reconstruct()) return false;
    if (elements_.in_scope([](const open_element& e) { return e.tag == GUMBO_TAG_NOBR; }) != npos) {
      elements_.adoption_agency(GUMBO_TAG_NOBR);
      if (!elements_.reconstruct()) return false;
    }
  } else if (tag == GUMBO_TAG_BUTTON) {
    elements_.pop_to(elements_.in_scope(html_element_is{GUMBO_TAG_BUTTON}));
  } else if (tag == GUMBO_TAG_FORM) {
    // Outside templates gumbo ignores a form inside a form; inside them it neither
    // ignores nor records one.
    const bool in_template = elements_.templates_open() != 0;
    if (form_open_ && !in_template) return true;
    form_open_ = form_open_ || !in_template;
  }
  if (tag == GUMBO_TAG_LI) close_list_item([](GumboTag t) { return t == GUMBO_TAG_LI; });
  if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
    close_list_item([](GumboTag t) { return t == GUMBO_TAG_DD || t == GUMBO_TAG_DT; });
  }
  if (has_trait(tag, closes_p))
    elements_.pop_to(elements_.in_scope(html_element_is{GUMBO_TAG_P}, scope_kind::button));
  if (has_trait(tag, heading) && !elements_.empty() &&
      elements_.top().space == markup_namespace::html && has_trait(elements_.top().tag, heading)) {
    elements_.pop();
  }
  if ((tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP) &&
      elements_.top_is(GUMBO_TAG_OPTION)) {
    elements_.pop();
  }
  if ((tag == GUMBO_TAG_RB || tag == GUMBO_TAG_RTC || tag == GUMBO_TAG_RP || tag == GUMBO_TAG_RT) &&
      elements_.in_scope(html_element_is{GUMBO_TAG_RUBY}) != npos) {
    generate_implied_end_tags(tag == GUMBO_TAG_RP || tag == GUMBO_TAG_RT ? GUMBO_TAG_RTC
                                                                         : GUMBO_TAG_LAST);
  }
  const bool in_table_text = !elements_.empty() &&
                             elements_.top().space == markup_namespace::html &&
                             has_trait(elements_.top().tag, table_text);
  if (tag == GUMBO_TAG_FORM && in_table_text) return true;  // inserted and popped at once
  if (!has_trait(tag, no_reconstruct) && !(hidden_input && in_table_text) &&
      !elements_.reconstruct()) {
    return false;
  }
  if (has_trait(tag, void_element)) return true;
  if (!elements_.push_html(token.name, tag, token.attributes)) return false;
  elements_.top().in_head = in_head_ && elements_.templates_open() == 0;
  if (has_trait(tag, rcdata)) *next = markup_content::rcdata;
  if (has_trait(tag, rawtext)) *next = markup_content::rawtext;
  if (has_trait(tag, script_data)) *next = markup_content::script;
  if (has_trait(tag, plaintext)) *next = markup_content::plaintext;
  return true;
}

bool html_tree_model::end_tag(const markup_tag& token) {
  if (current_is_foreign()) {
    for (std::size_t i = elements_.size();
         i-- > 0 && elements_[i].space != markup_namespace::html;) {
      if (markup_name_equals(elements_[i].name, token.name)) {
        elements_.pop_to(i);
        return true;
      }
    }
  }
  const GumboTag tag = token.tag;
  if (!elements_.empty() && elements_.top().in_select) return end_tag_in_select(token);
  if (elements_.top_is(GUMBO_TAG_COLGROUP)) {
    // Column group mode: anything but these closes the group and is processed again.
    if (tag == GUMBO_TAG_COL) return true;
    if (tag != GUMBO_TAG_TEMPLATE) elements_.pop();
    if (tag == GUMBO_TAG_COLGROUP) return true;
  }
  if (in_head_ && elements_.templates_open() == 0) {
    // In the head only these end tags do anything; </br> leaves it as a start tag would.
    const bool head_noscript = elements_.top_is(GUMBO_TAG_NOSCRIPT) && elements_.top().in_head;
    if (tag == GUMBO_TAG_BR) {
      leave_head(GUMBO_TAG_BR);
    } else if (head_noscript) {
      if (tag != GUMBO_TAG_NOSCRIPT) return true;
    } else if (tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) {
      in_head_ = false;
    } else {
      return true;
    }
  }

  if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_BODY) return true;
  if (tag == GUMBO_TAG_P) {
    const auto p = elements_.in_scope(html_element_is{tag}, scope_kind::button);
    if (p == npos) return true;  // gumbo inserts an empty <p>, without re-creating anything
    elements_.pop_to(p);
  } else if (tag == GUMBO_TAG_BR) {
    return elements_.reconstruct();
  } else if (tag == GUMBO_TAG_LI) {
    elements_.pop_to(elements_.in_scope(html_element_is{tag}, scope_kind::list_item));
  } else if (tag == GUMBO_TAG_APPLET || tag == GUMBO_TAG_MARQUEE || tag == GUMBO_TAG_OBJECT) {
    const auto at = elements_.in_scope(html_element_is{tag});
    if (at == npos) return true;
    elements_.pop_to(at);
    elements_.clear_to_marker();
  } else if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT || has_trait(tag, closed_in_scope)) {
    elements_.pop_to(elements_.in_scope(html_element_is{tag}));
  } else if (has_trait(tag, heading)) {
    elements_.pop_to(elements_.in_scope([](const open_element& e) {
      return e.space == markup_namespace::html && has_trait(e.tag, heading);
    }));
  } else if (tag == GUMBO_TAG_FORM) {
    end_form();
  } else if (tag == GUMBO_TAG_TEMPLATE) {
    end_template();
  } else if (has_trait(tag, formatting)) {
    elements_.adoption_agency(tag);  // gumbo 0.10.1 has no fallback walk for these
  } else if (open_elements::is_table_tag(tag)) {
    table_end(tag);
  } else {
    // Matches on the tag enum alone, as gumbo does: </x-a> closes an open <x-b>, the
    // nearest unknown element. Comparing names would pop further than gumbo does.
    elements_.pop_to(elements_.find_from_top(html_element_is{tag}, open_elements::is_special));
  }
  return true;
}

void html_tree_model::end_raw_text() {
  if (!elements_.empty()) elements_.pop();
}

// Counts what gumbo may do after a <frameset> or in content it reads by rules the model
// does not follow: every start tag may push, no end tag is trusted to pop, and every
// text run may re-create every formatting element. Returns the offset to cut at.
std::size_t html_tree_model::pessimistic_scan(std::string_view html, std::size_t from) {
  bool text_before = false;
  for (std::size_t i = from; i < html.size(); ++i) {
    // Not knowing what is foreign content here, stop where any could start: CDATA and
    // foreign elements are where gumbo aborts (see push_foreign and bounded_html_prefix),
    // and a frameset document has neither.
    if (html.compare(i, 9, "<![CDATA[") == 0) return i;
    if (html[i] == '<' && (markup_name_equals(html.substr(i + 1, 3), "svg") ||
                           markup_name_equals(html.substr(i + 1, 4), "math"))) {
      return i;
    }
    if (html[i] != '<' || i + 1 >= html.size() || !is_ascii_alpha(html[i + 1])) {
      text_before = true;
      continue;
    }
    if (text_before) {
      reconstructed_ += formatting_count_;
      text_before = false;
    }
    std::size_t name_end = i + 1;
    while (name_end < html.size() && !is_ascii_whitespace(html[name_end]) &&
           html[name_end] != '/' && html[name_end] != '>') {
      ++name_end;
    }
    if (has_trait(gumbo_tagn_enum(html.data() + i + 1, static_cast<unsigned>(name_end - i - 1)),
                  formatting)) {
      ++formatting_count_;
    }
    if (++depth_ > limits_.max_depth || reconstructed_ > limits_.max_reconstructed) return i;
  }
  return html.size();
}

bool html_tree_model::uses_foreign_rules(const markup_tag& token) const {
  if (elements_.empty() || elements_.top().space == markup_namespace::html) return false;
  const auto& top = elements_.top();
  if (top.mathml_text_ip && token.tag != GUMBO_TAG_MGLYPH && token.tag != GUMBO_TAG_MALIGNMARK)
    return false;
  if (top.space == markup_namespace::math && top.tag == GUMBO_TAG_ANNOTATION_XML &&
      token.tag == GUMBO_TAG_SVG)
    return false;
  return !top.html_ip;
}

bool html_tree_model::push_foreign(const markup_tag& token, markup_namespace space) {
  // No real SVG or MathML has these, and gumbo reads them as the HTML elements when it
  // resets its insertion mode: it then builds trees the model cannot follow or, as with
  // <table><svg><select><title><select><tbody>, aborts on an assertion. Cut here.
  if (resets_insertion_mode(token.tag)) return false;
  if (token.self_closing) return true;
  open_element element;
  element.name = token.name;
  element.tag = token.tag;
  element.space = space;
  if (space == markup_namespace::svg) {
    element.html_ip = token.tag == GUMBO_TAG_FOREIGNOBJECT || token.tag == GUMBO_TAG_DESC ||
                      token.tag == GUMBO_TAG_TITLE;
  } else {
    element.mathml_text_ip = token.tag == GUMBO_TAG_MI || token.tag == GUMBO_TAG_MO ||
                             token.tag == GUMBO_TAG_MN || token.tag == GUMBO_TAG_MS ||
                             token.tag == GUMBO_TAG_MTEXT;
    std::string_view encoding;
    element.html_ip = token.tag == GUMBO_TAG_ANNOTATION_XML &&
                      find_markup_attribute(token.attributes, "encoding", &encoding) &&
                      (markup_name_equals(encoding, "text/html") ||
                       markup_name_equals(encoding, "application/xhtml+xml"));
  }
  return elements_.push(element);
}

// "Generate implied end tags", sparing elements with tag `except`.
void html_tree_model::generate_implied_end_tags(GumboTag except) {
  while (!elements_.empty() && elements_.top().space == markup_namespace::html &&
         has_trait(elements_.top().tag, implied_end) && elements_.top().tag != except) {
    elements_.pop();
  }
}

// The <li> / <dd> loop: close the nearest list item unless a special element other
// than address, div or p comes first.
template <class IsItem>
void html_tree_model::close_list_item(IsItem is_item) {
  elements_.pop_to(elements_.find_from_top(
      [&](const open_element& e) { return e.space == markup_namespace::html && is_item(e.tag); },
      [](const open_element& e) {
        return open_elements::is_special(e) &&
               !(e.space == markup_namespace::html &&
                 (e.tag == GUMBO_TAG_ADDRESS || e.tag == GUMBO_TAG_DIV || e.tag == GUMBO_TAG_P));
      }));
}

void html_tree_model::end_form() {
  if (!form_open_) return;
  form_open_ = false;
  const auto form = elements_.in_scope(html_element_is{GUMBO_TAG_FORM});
  if (form == npos) return;
  // gumbo closes what "generate implied end tags" closes, then removes only the form;
  // what else is open inside it stays open.
  generate_implied_end_tags(GUMBO_TAG_FORM);
  elements_.erase(form);
}

void html_tree_model::end_template() {
  const auto at = elements_.find_from_top(html_element_is{GUMBO_TAG_TEMPLATE},
                                          [](const open_element&) { return false; });
  if (at == npos) return;
  elements_.pop_to(at);
  elements_.clear_to_marker();
}

// While no body content has come, a <noscript> is in gumbo's "in head noscript" mode:
// it ignores <head> and <noscript>, keeps head elements, and closes before anything else,
// which also ends the head. Returns false when the tag is to be ignored.
bool html_tree_model::leave_head(GumboTag tag) {
  const bool head_noscript = elements_.top_is(GUMBO_TAG_NOSCRIPT) && elements_.top().in_head;
  if (tag == GUMBO_TAG_BASEFONT || tag == GUMBO_TAG_BGSOUND || tag == GUMBO_TAG_LINK ||
      tag == GUMBO_TAG_META || tag == GUMBO_TAG_NOFRAMES || tag == GUMBO_TAG_STYLE ||
      tag == GUMBO_TAG_HTML) {
    return true;
  }
  if (tag == GUMBO_TAG_HEAD || (head_noscript && tag == GUMBO_TAG_NOSCRIPT)) return !head_noscript;
  if (head_noscript) elements_.pop();
  // Content of a template in the head is the template's, not the document's.
  if (tag != GUMBO_TAG_NOSCRIPT && !is_head_content(tag) && elements_.templates_open() == 0)
    in_head_ = false;
  return true;
}

// Content inside a template leaves gumbo's frameset-ok flag alone; outside one it means
// a later <frameset> is ignored.
void html_tree_model::clear_frameset_ok() {
  if (elements_.templates_open() == 0) frameset_ok_ = false;
}

void html_tree_model::enter_pessimistic() {
  pessimistic_ = true;
  depth_ = elements_.size() + elements_.closed_formatting_count();
  formatting_count_ = elements_.formatting_count();
}

}  // namespace geocrawl
