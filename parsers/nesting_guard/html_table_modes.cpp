#include "parsers/nesting_guard/html_tree_model.hpp"

// The table, select and template insertion modes, folded onto the stack of open elements.

namespace geocrawl {
namespace {

constexpr std::size_t npos = open_elements::npos;

}  // namespace

bool html_tree_model::start_tag_in_select(const markup_tag& token, markup_content* next) {
  const GumboTag tag = token.tag;
  const auto in_select_scope = [this] {
    return elements_.find_from_top(html_element_is{GUMBO_TAG_SELECT}, [](const open_element& e) {
      return !open_elements::is_html(e, GUMBO_TAG_OPTION) &&
             !open_elements::is_html(e, GUMBO_TAG_OPTGROUP);
    });
  };
  if (tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP) {
    if (elements_.top_is(GUMBO_TAG_OPTION)) elements_.pop();
    if (tag == GUMBO_TAG_OPTGROUP && elements_.top_is(GUMBO_TAG_OPTGROUP)) elements_.pop();
    return elements_.push_html(token.name, tag);
  }
  if (tag == GUMBO_TAG_SELECT) {
    elements_.pop_to(in_select_scope());
    return true;
  }
  if (tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_KEYGEN || tag == GUMBO_TAG_TEXTAREA) {
    const auto at = in_select_scope();
    if (at == npos) return true;
    elements_.pop_to(at);
    return start_tag(token, next);
  }
  if (tag == GUMBO_TAG_SCRIPT) {
    *next = markup_content::script;
    return elements_.push_html(token.name, tag);
  }
  if (tag == GUMBO_TAG_TEMPLATE) return elements_.push_html(token.name, tag);
  const auto open = open_select();
  if (open_elements::is_table_tag(tag) && open != npos && elements_[open].select_in_table) {
    elements_.pop_to(open);  // "in select in table": a table tag closes the select first
    return start_tag(token, next);
  }
  return true;  // everything else is ignored inside <select>
}

// Returns false when the limits are exceeded.
bool html_tree_model::end_tag_in_select(const markup_tag& token) {
  const GumboTag tag = token.tag;
  const auto open = open_select();
  if (open_elements::is_table_tag(tag) && open != npos && elements_[open].select_in_table) {
    if (elements_.find_from_top(html_element_is{tag}, open_elements::is_table_scope_boundary) ==
        npos)
      return true;
    elements_.pop_to(open);
    return end_tag(token);
  }
  if (tag == GUMBO_TAG_OPTGROUP) {
    if (elements_.top_is(GUMBO_TAG_OPTION) && elements_.size() >= 2 &&
        open_elements::is_html(elements_[elements_.size() - 2], GUMBO_TAG_OPTGROUP)) {
      elements_.pop();
    }
    if (elements_.top_is(GUMBO_TAG_OPTGROUP)) elements_.pop();
  } else if (tag == GUMBO_TAG_OPTION) {
    if (elements_.top_is(GUMBO_TAG_OPTION)) elements_.pop();
  } else if (tag == GUMBO_TAG_SELECT) {
    elements_.pop_to(elements_.find_from_top(html_element_is{GUMBO_TAG_SELECT},
                                             [](const open_element&) { return false; }));
  } else if (tag == GUMBO_TAG_TEMPLATE) {
    end_template();
  }
  return true;
}

std::size_t html_tree_model::open_select() const {
  return elements_.find_from_top(html_element_is{GUMBO_TAG_SELECT},
                                 html_element_is{GUMBO_TAG_TEMPLATE});
}

// Table structure start tags, with the table insertion modes folded together: find
// the innermost table context, close what the mode would close, then insert the tag
// with the tbody/tr gumbo implies.
bool html_tree_model::table_start(const markup_tag& token) {
  const GumboTag tag = token.tag;
  const auto context = elements_.table_context();
  const GumboTag kind = context == npos ? GUMBO_TAG_UNKNOWN : elements_[context].tag;
  if (tag == GUMBO_TAG_TABLE) {
    clear_frameset_ok();
    if (kind == GUMBO_TAG_TEMPLATE) return true;  // a template's table modes ignore it
    if (context != npos && kind != GUMBO_TAG_TD && kind != GUMBO_TAG_TH &&
        kind != GUMBO_TAG_CAPTION) {
      // In a table mode a new table first closes the open one, or is ignored.
      const auto table = elements_.find_from_top(html_element_is{GUMBO_TAG_TABLE},
                                                 open_elements::is_table_scope_boundary);
      if (table == npos) return true;
      elements_.close_table_parts_to(table);
    }
    return elements_.push_html(token.name, tag);
  }
  if (context == npos) return true;  // outside a table gumbo ignores these
  if (kind == GUMBO_TAG_TEMPLATE) return template_table_start(token, context);
  const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
  elements_.close_table_parts_to(kind == GUMBO_TAG_TD || kind == GUMBO_TAG_TH ? context
                                                                              : context + 1);
  while (!elements_.empty()) {
    const GumboTag top = elements_.top().tag;
    if (top == GUMBO_TAG_TEMPLATE) return template_table_start(token, elements_.size() - 1);
    const bool section = top == GUMBO_TAG_TBODY || top == GUMBO_TAG_THEAD || top == GUMBO_TAG_TFOOT;
    if (top == GUMBO_TAG_TD || top == GUMBO_TAG_TH || top == GUMBO_TAG_CAPTION ||
        (top == GUMBO_TAG_TR && !cell) || (section && !cell && tag != GUMBO_TAG_TR)) {
      elements_.close_table_parts_to(elements_.size() - 1);
      continue;
    }
    if (tag == GUMBO_TAG_CAPTION) break;
    if (top == GUMBO_TAG_TABLE && tag != GUMBO_TAG_TBODY && tag != GUMBO_TAG_THEAD &&
        tag != GUMBO_TAG_TFOOT && !elements_.push_html("tbody", GUMBO_TAG_TBODY)) {
      return false;
    }
    if (cell && !elements_.top_is(GUMBO_TAG_TR) && !elements_.push_html("tr", GUMBO_TAG_TR))
      return false;
    break;
  }
  return elements_.push_html(token.name, tag);
}

// <col> and <colgroup> in a table close everything up to the table and open a column
// group, which holds only <col>s and templates and closes before anything else. In a
// template's table content gumbo does less than that, so the model does nothing there.
bool html_tree_model::columns_start(const markup_tag& token) {
  if (elements_.table_context() == npos) return true;
  const auto table = elements_.find_from_top(html_element_is{GUMBO_TAG_TABLE},
                                             html_element_is{GUMBO_TAG_TEMPLATE});
  if (table == npos) return true;
  elements_.close_table_parts_to(table + 1);
  return elements_.push_html(token.tag == GUMBO_TAG_COLGROUP ? token.name : "colgroup",
                             GUMBO_TAG_COLGROUP);
}

// A template whose content began with table parts works in the table, table body or
// row mode it began in, with the template standing for the missing table elements.
// A tag that mode takes clears the stack back to the template; others are ignored.
bool html_tree_model::template_table_start(const markup_tag& token, std::size_t template_at) {
  const GumboTag tag = token.tag;
  const bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
  const bool section = tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT;
  const auto level = elements_[template_at].content;
  const bool taken = level == template_content::table
                         ? tag == GUMBO_TAG_CAPTION || section || tag == GUMBO_TAG_TR || cell
                     : level == template_content::section ? tag == GUMBO_TAG_TR || cell
                                                          : cell;
  if (!taken) return true;
  elements_.close_table_parts_to(template_at + 1);
  if (level == template_content::table && (tag == GUMBO_TAG_TR || cell) &&
      !elements_.push_html("tbody", GUMBO_TAG_TBODY)) {
    return false;
  }
  if (level != template_content::row && cell && !elements_.push_html("tr", GUMBO_TAG_TR))
    return false;
  return elements_.push_html(token.name, tag);
}

// Table end tags, following gumbo's chain of table insertion modes: each closes what
// its innermost context allows (the cell, row, section or caption) and hands the tag
// on, or ignores it. A template standing for table elements ignores them all.
void html_tree_model::table_end(GumboTag tag) {
  const auto in_table_scope = [this](GumboTag wanted) {
    return elements_.find_from_top(html_element_is{wanted}, open_elements::is_table_scope_boundary);
  };
  const bool section_tag =
      tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT;
  while (true) {
    const auto context = elements_.table_context();
    if (context == npos || elements_[context].tag == GUMBO_TAG_TEMPLATE) return;
    const GumboTag kind = elements_[context].tag;
    if (kind == GUMBO_TAG_TD || kind == GUMBO_TAG_TH) {
      const auto target = in_table_scope(tag);
      if (target == npos || tag == GUMBO_TAG_CAPTION) return;
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
        elements_.close_table_parts_to(target);
        return;
      }
      elements_.close_table_parts_to(context);  // close the cell, then the tag again
    } else if (kind == GUMBO_TAG_TR) {
      if (tag == GUMBO_TAG_TR) {
        elements_.pop_to(context);
        return;
      }
      if (tag != GUMBO_TAG_TABLE && !(section_tag && in_table_scope(tag) != npos)) return;
      elements_.pop_to(context);  // close the row, then the tag again
    } else if (kind == GUMBO_TAG_TBODY || kind == GUMBO_TAG_THEAD || kind == GUMBO_TAG_TFOOT) {
      if (section_tag) {
        if (in_table_scope(tag) != npos) elements_.pop_to(context);
        return;
      }
      if (tag != GUMBO_TAG_TABLE) return;
      elements_.pop_to(context);
    } else if (kind == GUMBO_TAG_CAPTION) {
      if (tag != GUMBO_TAG_CAPTION && tag != GUMBO_TAG_TABLE) return;
      elements_.close_table_parts_to(context);
      if (tag == GUMBO_TAG_CAPTION) return;
    } else {  // the table itself
      if (tag == GUMBO_TAG_TABLE) elements_.pop_to(context);
      return;
    }
  }
}

}  // namespace geocrawl
