#pragma once
// What an analyst needs from a page, read from its HTML with gumbo: the visible text, the
// title and description, where the page sends people (links, forms, meta refresh, script
// redirects) and whether it sells (checkout forms). Hostile markup is expected: nesting,
// list sizes and text are bounded, and hitting a bound is reported, not fatal.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

struct meta_refresh {
  double delay_seconds = 0;
  std::string url;  // resolved against the page; "" when absent (refresh in place) or invalid

  bool operator==(const meta_refresh&) const = default;
};

struct script_redirect {
  // "location.href", "location.replace", "location.assign", "location", or the object
  // whose location is assigned: "window.location", "document.location", "top.location",
  // "self.location", "parent.location".
  std::string pattern;
  std::string target;  // the string literal resolved against the page; "" when computed

  bool operator==(const script_redirect&) const = default;
};

struct form_summary {
  std::string action;  // resolved; the page itself when absent; "" when unusable (javascript:)
  std::string method;  // "get", "post" or "dialog"
  // Looks like a cart, checkout or payment form: card, CVV or quantity fields, an action
  // path about carts, orders or payment, or a buy / add-to-cart button (English or Japanese).
  bool checkout = false;

  bool operator==(const form_summary&) const = default;
};

struct page_extract {
  std::string title;
  // Visible text: nothing from head, script, style, noscript, template, comments or other
  // unrendered content. Block elements end lines, inline ones do not split words; runs of
  // whitespace become one space and lines are joined with '\n'.
  std::string text;
  std::string lang;  // <html lang>
  std::string meta_description;
  std::optional<meta_refresh> refresh;  // the first <meta http-equiv=refresh> that parses
  std::string canonical;                // <link rel=canonical href>, resolved
  // The page's icon: the first <link rel=icon> (or "shortcut icon") href that resolves, else
  // the first apple-touch-icon's; "" when the page names none (browsers then ask /favicon.ico).
  std::string icon;
  std::size_t link_count = 0;               // <a href> elements
  std::vector<std::string> external_hosts;  // distinct, sorted hosts of links off the page's host
  std::vector<form_summary> forms;
  std::vector<std::string> image_alts;  // non-empty alt text of visible images, in order
  // Navigations in inline scripts and on* event handler attributes.
  std::vector<script_redirect> script_redirects;
  bool truncated = false;  // a limit was hit; what was extracted up to it is kept

  bool operator==(const page_extract&) const = default;
};

struct extract_limits {
  std::size_t max_depth = 512;           // deeper elements are skipped with their text
  std::size_t max_text_bytes = 1 << 20;  // of visible text (also caps title and description)
  std::size_t max_items = 1000;          // per list: alts, hosts, forms, script redirects
};

// `utf8_html` must be UTF-8 (gumbo's only input encoding); invalid sequences come out as
// U+FFFD and NUL characters are dropped, as an HTML parser does. URLs are resolved
// against `page_url`, or against the document's <base href> when it has one.
// Parses once and resolves against `page_url`: extract_document, then resolve_references
// (parsers/page_references.hpp).
page_extract extract_page(std::string_view utf8_html, std::string_view page_url,
                          const extract_limits& limits = {});

struct document_extract;

// What the document says without its URL: the half of extract_page that parses.
document_extract extract_document(std::string_view utf8_html, const extract_limits& limits = {});

}  // namespace geocrawl
