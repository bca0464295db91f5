#pragma once
// Bytes to evidence: charset to UTF-8, HTML extraction, normalisation, lexicon matching.
// One analyzer is built per process (the matcher takes a moment to build) and is then
// read-only, so any number of threads may analyse pages with it at once.
#include <string>
#include <string_view>
#include <vector>

#include "parsers/findings.hpp"
#include "parsers/html_extract.hpp"
#include "parsers/lexicon.hpp"
#include "parsers/page_identifier.hpp"
#include "parsers/page_references.hpp"
#include "parsers/term_matcher.hpp"

namespace geocrawl {

struct page_analysis {
  std::string charset;           // what the body was decoded as
  std::string charset_source;    // "bom", "header", "meta", "detector", "default"
  std::string declared_charset;  // set when the declaration lied and the detector overruled it
  page_extract page;
  findings found;
  std::vector<page_identifier> identifiers;  // as document_analysis has them

  bool operator==(const page_analysis&) const = default;
};

// A page analysis before its URL is known: a function of the body, the Content-Type and the
// analyser alone, so one can be kept and reused for every URL that serves the same bytes.
struct document_analysis {
  std::string charset;
  std::string charset_source;
  std::string declared_charset;
  document_extract document;
  findings found;
  // What other sites of a network would share (parsers/page_identifier.hpp), sorted: the
  // markup's tracking IDs, contact links and checkout hosts, the contacts in the text (phones
  // as written: to_e164 completes them per view), and the template's skeleton when the page
  // sells (drugs, a checkout form or commerce wording) and has min_template_elements or more.
  std::vector<page_identifier> identifiers;

  bool operator==(const document_analysis&) const = default;
};

// A page that takes orders: a checkout form or the words of a shop (prices, a cart). Naming a
// drug is not selling — a health blog does — and a template shared by blogs of one theme must
// not join them, nor a blog's links to other sites. The template fingerprint is kept, and a
// view's outbound links are sister links (crawler/view/view_identifiers), only for such pages.
bool page_sells(const page_extract& page, const findings& found);

// A skeleton of fewer elements says little about a kit: error pages and stubs share theirs.
inline constexpr std::size_t min_template_elements = 30;

// The analysis as page_analyzer::analyze gives it for `url`, without parsing again.
page_analysis resolve_analysis(const document_analysis& analysis, std::string_view url);

// Only documents that carry readable text are analysed: HTML, XHTML, plain text, or an
// unlabelled body. An image or PDF yields no analysis rather than noise.
bool is_analysable(std::string_view content_type);

// HTML or XHTML, or unlabelled (browsers sniff it as HTML): where markup such as a meta
// refresh means something.
bool is_html(std::string_view content_type);

class page_analyzer {
 public:
  explicit page_analyzer(lexicon vocabulary);

  page_analysis analyze(std::string_view body, std::string_view content_type,
                        std::string_view url) const;

  // The half of analyze that parses.
  document_analysis analyze_document(std::string_view body, std::string_view content_type) const;

  // Names what this analyser computes: the analysis code's revision and the lexicon's
  // contents. A stored analysis is reused only by an analyser of the same version.
  const std::string& version() const { return version_; }

 private:
  lexicon lexicon_;
  term_matcher matcher_;
  std::string version_;
};

}  // namespace geocrawl
