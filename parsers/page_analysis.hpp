#pragma once
// Bytes to evidence: charset to UTF-8, HTML extraction, normalisation, lexicon matching.
// One analyzer is built per process (the matcher takes a moment to build) and is then
// read-only, so any number of threads may analyse pages with it at once.
#include <string>
#include <string_view>

#include "parsers/findings.hpp"
#include "parsers/html_extract.hpp"
#include "parsers/lexicon.hpp"
#include "parsers/term_matcher.hpp"

namespace geocrawl {

struct page_analysis {
  std::string charset;           // what the body was decoded as
  std::string charset_source;    // "bom", "header", "meta", "detector", "default"
  std::string declared_charset;  // set when the declaration lied and the detector overruled it
  page_extract page;
  findings found;
};

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

 private:
  lexicon lexicon_;
  term_matcher matcher_;
};

}  // namespace geocrawl
