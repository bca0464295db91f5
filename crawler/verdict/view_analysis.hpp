#pragma once
// Runs the page analysis over fetched views. Identical bodies (same SHA-256) seen by
// several vantages are analysed once: parsing is the expensive part of a crawl.
#include <vector>

#include "crawler/view/view.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

void analyze_views(const page_analyzer& analyzer, std::vector<view>& views);

}  // namespace geocrawl
