#include "crawler/verdict/site_verdict.hpp"

#include <optional>

#include "crawler/verdict/view_analysis.hpp"

namespace geocrawl {

settled_site settle_site(std::vector<view> fetched, std::size_t vantage_count, std::size_t baseline,
                         analysis_cache& analyses) {
  // The control is analysed with the others, so a body both returned is parsed once.
  std::vector<archived_analysis> fresh;
  analyze_views(analyses, fetched, fresh);
  std::optional<view> control;
  if (fetched.size() > vantage_count) {
    control = std::move(fetched.back());
    fetched.pop_back();
  }
  auto verdict = compare_site(fetched, baseline, control ? &*control : nullptr);
  return {std::move(fetched), std::move(verdict), std::move(fresh)};
}

}  // namespace geocrawl
