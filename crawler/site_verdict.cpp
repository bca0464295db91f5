#include "crawler/site_verdict.hpp"

#include <optional>

#include "crawler/view_analysis.hpp"

namespace geocrawl {

settled_site settle_site(std::vector<view> fetched, const vantage_plan& plan, const page_analyzer& analyzer) {
  // The control is analysed with the others, so a body both returned is parsed once.
  analyze_views(analyzer, fetched);
  std::optional<view> control;
  if (fetched.size() > plan.vantages.size()) {
    control = std::move(fetched.back());
    fetched.pop_back();
  }
  auto verdict = compare_site(fetched, plan.baseline, control ? &*control : nullptr);
  return {std::move(fetched), std::move(verdict)};
}

}  // namespace geocrawl
