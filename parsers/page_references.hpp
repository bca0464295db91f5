#pragma once
// The URL-dependent half of a page's extraction. What a page links to is written relative to
// the document ("/cart", "//cdn.example", "<base href>"); where it leads depends on the URL
// the page was served under. The extractor records each reference as written, in document
// order, and this resolves them against one URL without parsing the page again: a body
// served under a thousand domains is parsed once and resolved a thousand times.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/html_extract.hpp"
#include "parsers/page_identifier.hpp"

namespace geocrawl {

enum class page_reference_kind : std::uint8_t {
  base,           // a <base href>: the first that resolves against the page is the base
  canonical,      // a <link rel=canonical href>: the first that resolves is the canonical
  refresh,        // the meta refresh's target
  form_action,    // forms[item]'s action ("" submits to the page itself)
  script_target,  // script_redirects[item]'s literal target
  link_host,      // an absolute link's host, canonical already (it needs no base)
  link_relative,  // a relative link after the last <base>: the base's host, when there is one
  link_raw,       // a link whose host depends on the page's URL ("//host", "http:path")
  icon,           // a <link rel=icon> or rel="shortcut icon" href: the first that resolves
  touch_icon,     // a <link rel=apple-touch-icon> href: the first that resolves, if no icon does
};

struct page_reference {
  page_reference_kind kind = page_reference_kind::link_host;
  std::string text;        // as written, whitespace trimmed
  std::uint32_t item = 0;  // for form_action and script_target: the index of the form or redirect

  bool operator==(const page_reference&) const = default;
};

// A page as extracted without its URL: `page`'s URL fields (canonical, icon, the refresh's url,
// form actions, script targets, external_hosts) are empty, and forms' `checkout` says only
// what their fields and buttons showed; `references` hold what resolves them.
struct document_extract {
  page_extract page;
  std::vector<page_reference> references;
  // What the markup names that other sites of a network reuse (tracking IDs, contact links,
  // checkout hosts), and the template's skeleton hash with its element count. The page
  // analysis moves them into document_analysis::identifiers with what the text says.
  std::vector<page_identifier> identifiers;
  std::string skeleton;
  std::size_t skeleton_elements = 0;

  bool operator==(const document_extract&) const = default;
};

// The page as extract_page returns it for `page_url`.
page_extract resolve_references(const document_extract& document, std::string_view page_url,
                                const extract_limits& limits = {});

}  // namespace geocrawl
