#pragma once
// The CPU half of a site: its fetched views analysed (once per body) and compared. Runs
// off the network thread in a crawl.
#include <vector>

#include "crawler/compare.hpp"
#include "crawler/vantage_plan.hpp"
#include "crawler/view.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

struct settled_site {
  std::vector<view> views;  // one per vantage; the control is not kept
  site_comparison verdict;
};

// `fetched` is in site_requests() order.
settled_site settle_site(std::vector<view> fetched, const vantage_plan& plan, const page_analyzer& analyzer);

}  // namespace geocrawl
