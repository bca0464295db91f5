#include "parsers/html_extract.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <unordered_set>
#include <utility>

#include <gumbo.h>

#include "parsers/ascii.hpp"
#include "parsers/checkout_signals.hpp"
#include "parsers/contact_ids.hpp"
#include "parsers/gumbo_document.hpp"
#include "parsers/page_references.hpp"
#include "parsers/payment_hosts.hpp"
#include "parsers/refresh_content.hpp"
#include "parsers/script_redirects.hpp"
#include "parsers/template_fingerprint.hpp"
#include "parsers/text_builder.hpp"
#include "parsers/tracking_ids.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t npos = std::string_view::npos;

std::string_view attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found == nullptr ? std::string_view() : std::string_view(found->value);
}

bool has_attribute(const GumboElement& element, const char* name) {
  return gumbo_get_attribute(&element.attributes, name) != nullptr;
}

enum trait : std::uint8_t {
  block = 1 << 0,       // starts and ends a line of text
  word_break = 1 << 1,  // separates words, as replaced and inline-block elements do
  hidden = 1 << 2,      // its text is not rendered
};

constexpr auto tag_traits = [] {
  std::array<std::uint8_t, GUMBO_TAG_LAST + 1> table{};
  for (const auto tag :
       {GUMBO_TAG_ADDRESS,   GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,    GUMBO_TAG_BLOCKQUOTE,
        GUMBO_TAG_BODY,      GUMBO_TAG_BR,       GUMBO_TAG_CAPTION,  GUMBO_TAG_CENTER,
        GUMBO_TAG_DD,        GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,      GUMBO_TAG_DIV,
        GUMBO_TAG_DL,        GUMBO_TAG_DT,       GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION,
        GUMBO_TAG_FIGURE,    GUMBO_TAG_FOOTER,   GUMBO_TAG_FORM,     GUMBO_TAG_FRAMESET,
        GUMBO_TAG_H1,        GUMBO_TAG_H2,       GUMBO_TAG_H3,       GUMBO_TAG_H4,
        GUMBO_TAG_H5,        GUMBO_TAG_H6,       GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,
        GUMBO_TAG_HR,        GUMBO_TAG_HTML,     GUMBO_TAG_LEGEND,   GUMBO_TAG_LI,
        GUMBO_TAG_LISTING,   GUMBO_TAG_MAIN,     GUMBO_TAG_MENU,     GUMBO_TAG_NAV,
        GUMBO_TAG_OL,        GUMBO_TAG_OPTGROUP, GUMBO_TAG_OPTION,   GUMBO_TAG_P,
        GUMBO_TAG_PLAINTEXT, GUMBO_TAG_PRE,      GUMBO_TAG_SECTION,  GUMBO_TAG_SUMMARY,
        GUMBO_TAG_TABLE,     GUMBO_TAG_TBODY,    GUMBO_TAG_TD,       GUMBO_TAG_TFOOT,
        GUMBO_TAG_TH,        GUMBO_TAG_THEAD,    GUMBO_TAG_TR,       GUMBO_TAG_UL,
        GUMBO_TAG_XMP}) {
    table[tag] |= block;
  }
  for (const auto tag : {GUMBO_TAG_AUDIO, GUMBO_TAG_BUTTON, GUMBO_TAG_CANVAS, GUMBO_TAG_EMBED,
                         GUMBO_TAG_IFRAME, GUMBO_TAG_IMG, GUMBO_TAG_INPUT, GUMBO_TAG_OBJECT,
                         GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_VIDEO}) {
    table[tag] |= word_break;
  }
  for (const auto tag : {GUMBO_TAG_HEAD, GUMBO_TAG_TITLE, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,
                         GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,
                         GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_DATALIST}) {
    table[tag] |= hidden;
  }
  return table;
}();

bool is_javascript_type(std::string_view type) {
  type = trim_ascii_whitespace(type);
  return type.empty() || contains_ignoring_ascii_case(type, "javascript") ||
         contains_ignoring_ascii_case(type, "ecmascript") ||
         equals_ignoring_ascii_case(type, "module") ||
         contains_ignoring_ascii_case(type, "jscript") ||
         contains_ignoring_ascii_case(type, "livescript");
}

class extractor {
 public:
  extractor(document_extract& out, const extract_limits& limits, std::size_t html_size)
      : document_(out),
        out_(out.page),
        references_(out.references),
        limits_(limits),
        text_(out.page.text, limits.max_text_bytes) {
    out_.text.reserve(std::min(limits.max_text_bytes, html_size / 3 + 64));
  }

  // One pass over the tree with an explicit stack: a document's depth must never decide
  // how deep our own stack goes.
  void run(const GumboOutput& output) {
    if (output.root != nullptr && output.root->type == GUMBO_NODE_ELEMENT) {
      out_.lang = trim_ascii_whitespace(attribute(output.root->v.element, "lang"));
    }
    struct frame {
      const GumboNode* node;
      unsigned next;
    };
    std::vector<frame> stack;
    stack.reserve(64);
    stack.push_back({output.document, 0});
    while (!stack.empty()) {
      frame& top = stack.back();
      const GumboVector& children = top.node->type == GUMBO_NODE_DOCUMENT
                                        ? top.node->v.document.children
                                        : top.node->v.element.children;
      if (top.next == children.length) {
        const GumboNode* done = top.node;
        stack.pop_back();
        if (done->type == GUMBO_NODE_ELEMENT) leave(*done, stack.size());
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children.data[top.next++]);
      const std::size_t depth = stack.size();  // <html> is at depth 1
      switch (child->type) {
        case GUMBO_NODE_ELEMENT:
          if (depth > limits_.max_depth) {
            out_.truncated = true;
          } else if (enter(*child, depth)) {
            stack.push_back({child, 0});
          } else {
            leave(*child, depth);
          }
          break;
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          text(child->v.text.text);
          break;
        default:  // comments; template contents are inert
          break;
      }
    }
    finish_identifiers();
  }

 private:
  // Returns whether to descend into the element.
  bool enter(const GumboNode& node, std::size_t depth) {
    const GumboElement& element = node.v.element;
    // Unknown (custom) elements share one name: gumbo keeps theirs only inside the raw tag.
    skeleton_.open(gumbo_normalized_tagname(element.tag), attribute(element, "class"));
    scan_event_handlers(element);
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) {
      if (element.tag == GUMBO_TAG_SCRIPT) scan_script(element);
      if (element.tag == GUMBO_TAG_SCRIPT || element.tag == GUMBO_TAG_STYLE) hide(depth);
      return true;
    }
    const auto traits = tag_traits[element.tag];
    if (traits & block) text_.line_break();
    if (traits & word_break) text_.word_break();
    if (traits & hidden) hide(depth);
    switch (element.tag) {
      case GUMBO_TAG_TITLE:
        if (!title_seen_) {
          title_seen_ = true;
          std::string raw;
          for (unsigned i = 0; i < element.children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
              raw += child->v.text.text;
          }
          out_.title = collapse_whitespace(raw, limits_.max_text_bytes, &out_.truncated);
        }
        return false;
      case GUMBO_TAG_SCRIPT:
        scan_script(element);
        return false;
      case GUMBO_TAG_BASE:
        if (has_attribute(element, "href") &&
            refer(bases_, page_reference_kind::base, attribute(element, "href"))) {
          relative_since_base_ = false;
        }
        return false;
      case GUMBO_TAG_META:
        meta(element);
        return false;
      case GUMBO_TAG_LINK:
        if (rel_has(attribute(element, "rel"), "canonical")) {
          refer(canonicals_, page_reference_kind::canonical, attribute(element, "href"));
        }
        icon_link(element);
        return false;
      case GUMBO_TAG_A:
        if (has_attribute(element, "href")) {
          link(attribute(element, "href"));
          find_contacts_in_link(attribute(element, "href"), identifiers_);
        }
        return true;
      case GUMBO_TAG_IMG:
        find_tracking_ids(attribute(element, "src"), identifiers_);  // tracking pixels
        image(element);
        return false;
      case GUMBO_TAG_IFRAME:
        find_tracking_ids(attribute(element, "src"), identifiers_);  // Tag Manager's noscript
        return true;
      case GUMBO_TAG_FORM:
        begin_form(element, depth);
        return true;
      case GUMBO_TAG_INPUT:
        input(element);
        return false;
      case GUMBO_TAG_BUTTON:
        field(element);
        if (form_ != npos && button_depth_ == 0) button_depth_ = depth;
        return true;
      case GUMBO_TAG_SELECT:
      case GUMBO_TAG_TEXTAREA:
        field(element);
        return true;
      default:
        return true;
    }
  }

  void leave(const GumboNode& node, std::size_t depth) {
    const GumboElement& element = node.v.element;
    skeleton_.close();
    if (element.tag_namespace == GUMBO_NAMESPACE_HTML && (tag_traits[element.tag] & block))
      text_.line_break();
    if (element.tag_namespace == GUMBO_NAMESPACE_HTML && (tag_traits[element.tag] & word_break))
      text_.word_break();
    if (hidden_depth_ == depth) hidden_depth_ = 0;
    if (button_depth_ == depth) button_depth_ = 0;
    if (form_ != npos && depth == form_depth_ && element.tag == GUMBO_TAG_FORM) {
      // A form opened inside a table row is closed at once by the parser, and the fields
      // that follow it in the table still belong to it: keep it current until its parent
      // ends. A form with children has ended here.
      if (element.children.length == 0) {
        form_depth_ = depth - 1;
      } else {
        form_ = npos;
      }
    } else if (form_ != npos && depth == form_depth_) {
      form_ = npos;
    }
  }

  void hide(std::size_t depth) {
    if (hidden_depth_ == 0) hidden_depth_ = depth;
  }

  void text(std::string_view content) {
    if (hidden_depth_ != 0) return;
    if (!text_.append(content)) out_.truncated = true;
    if (button_depth_ != 0 && form_ != npos && is_checkout_button_text(content)) {
      out_.forms[form_].checkout = true;
    }
  }

  // Records a reference as written; `count` bounds those of its kind, so a hostile page's
  // thousands of <base> or link hosts cost bounded space in a stored analysis.
  bool refer(std::size_t& count, page_reference_kind kind, std::string_view text,
             std::size_t item = 0) {
    const std::size_t limit = kind == page_reference_kind::link_host ||
                                      kind == page_reference_kind::link_raw ||
                                      kind == page_reference_kind::link_relative
                                  ? 2 * limits_.max_items + 2
                                  : limits_.max_items;
    if (count >= limit) {
      out_.truncated = true;
      return false;
    }
    ++count;
    references_.push_back({kind, std::string(text), static_cast<std::uint32_t>(item)});
    return true;
  }

  static bool rel_has(std::string_view rel, std::string_view token) {
    for (std::size_t i = 0; i < rel.size();) {
      while (i < rel.size() && is_ascii_whitespace(rel[i])) ++i;
      std::size_t end = i;
      while (end < rel.size() && !is_ascii_whitespace(rel[end])) ++end;
      if (end > i && equals_ignoring_ascii_case(rel.substr(i, end - i), token)) return true;
      i = end;
    }
    return false;
  }

  // "icon" is a token of "shortcut icon" too; an apple-touch-icon is the fallback browsers and
  // Shodan do not prefer, kept for pages that name no other. An empty href names nothing.
  void icon_link(const GumboElement& element) {
    const auto rel = attribute(element, "rel");
    const auto href = trim_ascii_whitespace(attribute(element, "href"));
    if (href.empty()) return;
    if (rel_has(rel, "icon")) {
      refer(icons_, page_reference_kind::icon, href);
    } else if (rel_has(rel, "apple-touch-icon") || rel_has(rel, "apple-touch-icon-precomposed")) {
      refer(icons_, page_reference_kind::touch_icon, href);
    }
  }

  void meta(const GumboElement& element) {
    if (out_.meta_description.empty() &&
        equals_ignoring_ascii_case(trim_ascii_whitespace(attribute(element, "name")),
                                   "description")) {
      out_.meta_description = collapse_whitespace(attribute(element, "content"),
                                                  limits_.max_text_bytes, &out_.truncated);
    }
    if (out_.refresh || !equals_ignoring_ascii_case(
                            trim_ascii_whitespace(attribute(element, "http-equiv")), "refresh"))
      return;
    const auto content = parse_refresh_content(attribute(element, "content"));
    if (!content) return;
    out_.refresh = meta_refresh{content->delay_seconds, {}};
    std::size_t refreshes = 0;
    refer(refreshes, page_reference_kind::refresh, content->url);
  }

  // Counts the link and notes its host when it leaves the page's host. Relative links go
  // to the base's host and need no parsing; absolute ones are resolved once per distinct
  // scheme and authority, since a shop links to its own few hosts thousands of times and
  // URL parsing (with IDNA) costs microseconds.
  void link(std::string_view href) {
    ++out_.link_count;
    href = trim_ascii_whitespace(href);
    const auto stop = href.find_first_of("/?#");
    const auto colon = href.substr(0, stop).find(':');
    const bool network_path = href.starts_with("//");
    if (href.find_first_of("\\\t\n\r") != npos) {
      link_raw(href);  // browsers' leniency: let web_url handle it
      return;
    }
    if (!network_path && colon == npos) {  // relative: the base's host, once per <base>
      if (!relative_since_base_) {
        relative_since_base_ = true;
        refer(link_references_, page_reference_kind::link_relative, {});
      }
      return;
    }
    std::size_t authority_begin = 2;
    if (!network_path) {
      const auto scheme = href.substr(0, colon);
      if (!equals_ignoring_ascii_case(scheme, "http") &&
          !equals_ignoring_ascii_case(scheme, "https"))
        return;  // mailto:, javascript:, ...
      if (href.compare(colon + 1, 2, "//") != 0) {
        link_raw(href);  // "http:path" is relative to a page of the same scheme
        return;
      }
      authority_begin = colon + 3;
    }
    const auto origin =
        href.substr(0, std::min(href.size(), href.find_first_of("/?#", authority_begin)));
    if (!origins_seen_.insert(origin).second) return;
    if (network_path) {  // its scheme, and whether it resolves at all, come from the page
      link_raw(origin);
      return;
    }
    const auto url = parse_web_url(origin);
    if (!url) return;
    std::string host(url->encoded_host());
    if (hosts_seen_.contains(host)) return;
    refer(link_references_, page_reference_kind::link_host, host);
    hosts_seen_.insert(std::move(host));
  }

  void link_raw(std::string_view href) {
    if (raw_seen_.insert(href).second) refer(link_references_, page_reference_kind::link_raw, href);
  }

  void image(const GumboElement& element) {
    if (hidden_depth_ != 0) return;
    const auto alt = trim_ascii_whitespace(attribute(element, "alt"));
    if (alt.empty()) return;
    if (out_.image_alts.size() >= limits_.max_items) {
      out_.truncated = true;
      return;
    }
    out_.image_alts.push_back(collapse_whitespace(alt, limits_.max_text_bytes, &out_.truncated));
  }

  void begin_form(const GumboElement& element, std::size_t depth) {
    form_ = npos;
    if (out_.forms.size() >= limits_.max_items) {
      out_.truncated = true;
      return;
    }
    form_summary form;
    // An absent or empty action submits to the document's own URL.
    const auto action = trim_ascii_whitespace(attribute(element, "action"));
    const auto method = trim_ascii_whitespace(attribute(element, "method"));
    form.method = equals_ignoring_ascii_case(method, "post")     ? "post"
                  : equals_ignoring_ascii_case(method, "dialog") ? "dialog"
                                                                 : "get";
    out_.forms.push_back(std::move(form));
    form_ = out_.forms.size() - 1;
    form_actions_.emplace_back(action);
    std::size_t actions = 0;  // one a form, and the forms are bounded already
    refer(actions, page_reference_kind::form_action, action, form_);
    form_depth_ = depth;
  }

  void field(const GumboElement& element) {
    if (form_ == npos) return;
    if (is_checkout_field(attribute(element, "name")) ||
        is_checkout_field(attribute(element, "id")) ||
        is_checkout_field(attribute(element, "autocomplete"))) {
      out_.forms[form_].checkout = true;
    }
  }

  void input(const GumboElement& element) {
    field(element);
    const auto type = trim_ascii_whitespace(attribute(element, "type"));
    if (!equals_ignoring_ascii_case(type, "submit") &&
        !equals_ignoring_ascii_case(type, "button") && !equals_ignoring_ascii_case(type, "reset"))
      return;
    // A button's label is text a visitor reads.
    const auto value = attribute(element, "value");
    if (form_ != npos && is_checkout_button_text(value)) out_.forms[form_].checkout = true;
    text(value);
    text_.word_break();
  }

  // Tracking IDs in a script's source URL or in its text of any type (JSON configuration
  // names them as often as code does); redirects in JavaScript text only.
  void scan_script(const GumboElement& element) {
    if (has_attribute(element, "src")) {
      const auto source = attribute(element, "src");
      find_tracking_ids(source, identifiers_);
      const auto host = absolute_host(source);
      if (is_payment_script_host(host)) identifiers_.add(identifier_kind::payment_host, host);
      return;
    }
    const bool javascript = is_javascript_type(attribute(element, "type"));
    for (unsigned i = 0; i < element.children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
      if (child->type != GUMBO_NODE_TEXT && child->type != GUMBO_NODE_WHITESPACE) continue;
      find_tracking_ids(child->v.text.text, identifiers_);
      if (javascript) scan_javascript(child->v.text.text);
    }
  }

  // A form posting to an absolute host takes the payment there when it is a checkout: its
  // fields and buttons said so, or its action's path does.
  void finish_identifiers() {
    for (std::size_t i = 0; i < form_actions_.size(); ++i) {
      if (out_.forms[i].checkout || is_checkout_action(form_actions_[i]))
        identifiers_.add(identifier_kind::payment_host, absolute_host(form_actions_[i]));
    }
    if (identifiers_.truncated()) out_.truncated = true;
    document_.identifiers = identifiers_.take();
    document_.skeleton = skeleton_.hex();
    document_.skeleton_elements = skeleton_.elements();
  }

  // onclick="location.href='...'", onload and the rest: the same code, in attributes.
  void scan_event_handlers(const GumboElement& element) {
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      if (attr->name[0] == 'o' && attr->name[1] == 'n' &&
          std::string_view(attr->value).find("location") != npos) {
        scan_javascript(attr->value);
      }
    }
  }

  void scan_javascript(std::string_view code) {
    if (code.find("location") == npos) return;
    navigations_.clear();
    const std::size_t room =
        limits_.max_items - std::min(limits_.max_items, out_.script_redirects.size());
    if (!find_script_navigations(code, room, navigations_)) out_.truncated = true;
    for (auto& navigation : navigations_) {
      out_.script_redirects.push_back({std::string(navigation.pattern), {}});
      std::size_t targets = 0;  // one a redirect, and the redirects are bounded already
      if (navigation.literal) {
        refer(targets, page_reference_kind::script_target, *navigation.literal,
              out_.script_redirects.size() - 1);
      }
    }
  }

  document_extract& document_;
  page_extract& out_;
  std::vector<page_reference>& references_;
  identifier_collector identifiers_;
  template_fingerprint skeleton_;
  std::vector<std::string> form_actions_;  // per form: its action as written
  const extract_limits& limits_;
  text_builder text_;
  std::size_t hidden_depth_ = 0;  // depth of the element whose text is hidden; 0: visible
  bool title_seen_ = false;
  std::size_t form_ = npos;       // index of the current form in out_.forms
  std::size_t form_depth_ = 0;    // depth at which the current form ends
  std::size_t button_depth_ = 0;  // depth of the open <button> in a form; 0: none
  std::unordered_set<std::string_view> origins_seen_;  // views into the parsed document
  std::unordered_set<std::string_view> raw_seen_;      // views into the parsed document
  std::unordered_set<std::string> hosts_seen_;
  bool relative_since_base_ = false;  // a relative link was recorded since the last <base>
  std::size_t bases_ = 0;
  std::size_t canonicals_ = 0;
  std::size_t icons_ = 0;
  // Link hosts: one a distinct host, <base> or odd href, up to max_items (external_hosts'
  // bound) twice over and two more, so that which hosts a page's URL leaves out cannot
  // change the list.
  std::size_t link_references_ = 0;
  std::vector<script_navigation> navigations_;
};

}  // namespace

page_extract extract_page(std::string_view utf8_html, std::string_view page_url,
                          const extract_limits& limits) {
  return resolve_references(extract_document(utf8_html, limits), page_url, limits);
}

document_extract extract_document(std::string_view utf8_html, const extract_limits& limits) {
  document_extract out;
  // The pre-pass's estimate gets twice the traversal's depth: it leans deep on messy
  // markup, and its job is to bound gumbo's cost. The traversal applies max_depth exactly.
  const std::size_t estimate_depth = limits.max_depth > std::numeric_limits<std::size_t>::max() / 2
                                         ? limits.max_depth
                                         : limits.max_depth * 2;
  const gumbo_document document(utf8_html, default_gumbo_limits(utf8_html.size(), estimate_depth));
  out.page.truncated = document.truncated();
  if (document.output() != nullptr) {
    extractor(out, limits, document.parsed_bytes()).run(*document.output());
  }
  return out;
}

}  // namespace geocrawl
