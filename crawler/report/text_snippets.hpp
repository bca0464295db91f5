#pragma once
// Where a page's visible text names a drug or offers pills without a prescription: a few short
// windows of the text around each match, the match marked, so an analyst reads the evidence in
// its context without reading the page. Bounded: a 10 MB text costs no more than its first
// search_bytes, and the report says when it was cut.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

struct snippet_limits {
  std::size_t max_snippets = 12;
  std::size_t context_bytes = 80;       // before and after a match
  std::size_t max_snippet_bytes = 400;  // matches close together share a window up to this
  std::size_t search_bytes = 2 << 20;   // of the text searched, from its start
  std::size_t max_matches = 1000;       // matches collected before windows are cut
};

struct text_range {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
};

struct text_snippet {
  text_range window;              // starts and ends on UTF-8 character boundaries
  std::vector<text_range> marks;  // inside the window, sorted, not overlapping
};

struct text_snippets {
  std::vector<text_snippet> snippets;  // in text order
  bool more_matches = false;           // matches beyond max_snippets were not shown
  bool search_cut = false;             // the text is longer than search_bytes
};

// The windows around each occurrence of any of `terms` in `text`. Terms match without regard
// to ASCII case, and a term that begins (ends) with an ASCII letter or digit only where the
// text has no ASCII letter or digit just before (after) it: "Cialis" is not in "specialist".
// The lexicon matched its normalised text (NFKC, case folding), so a term it found written
// in full-width letters ("ＶＩＡＧＲＡ") is not marked here; the page's findings still list it.
text_snippets find_snippets(std::string_view text, const std::vector<std::string>& terms,
                            const snippet_limits& limits = {});

// The snippets as HTML: each window escaped, its marks in <mark>, "…" where it cuts the text.
std::string snippets_html(std::string_view text, const text_snippets& found);

}  // namespace geocrawl
