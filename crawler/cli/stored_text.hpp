#pragma once
// The visible text of stored views, which the store does not keep (evidence_reader.hpp) but
// the report's snippets and diffs read: the page analyzer run again over each stored body.
// Only the text is taken from it; drugs, phrases and the title stay as the crawl stored them,
// so the report shows the verdict's evidence even when the lexicon has changed since.
#include <vector>

#include "crawler/view/view.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

// Fills analysis->page.text of every view that has a stored analysis and a body. Bounded as a
// crawl's analysis is: by the body cap the views were fetched under and the extractor's text
// cap. A body several views share (same SHA-256 and Content-Type) is parsed once.
void restore_visible_text(const page_analyzer& analyzer, std::vector<view>& views);

}  // namespace geocrawl
