#pragma once
// Runs the page analysis over fetched views. A body is parsed once, whichever vantage, site
// or run served it (analysis_cache); each view's links and redirect targets are then
// resolved against its own URL.
#include <vector>

#include "crawler/verdict/analysis_cache.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// Analyses computed here (not reused) are appended to `fresh`.
void analyze_views(analysis_cache& analyses, std::vector<view>& views,
                   std::vector<archived_analysis>& fresh);

}  // namespace geocrawl
