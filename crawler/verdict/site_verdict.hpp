#pragma once
// The CPU half of a site: its fetched views analysed (once per body) and compared. Runs
// off the network thread in a crawl.
#include <cstddef>
#include <vector>

#include "crawler/verdict/analysis_cache.hpp"
#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

struct settled_site {
  std::vector<view> views;  // one per vantage; the control is not kept
  site_comparison verdict;
  std::vector<archived_analysis> analyses;  // computed for this site, to be stored with it
};

// `fetched` holds one view per vantage, in vantage order, then the control when there is
// one (site_requests() order); `baseline` indexes the vantages.
settled_site settle_site(std::vector<view> fetched, std::size_t vantage_count, std::size_t baseline,
                         analysis_cache& analyses);

}  // namespace geocrawl
