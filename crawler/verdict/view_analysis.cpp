#include "crawler/verdict/view_analysis.hpp"

namespace geocrawl {

void analyze_views(analysis_cache& analyses, std::vector<view>& views,
                   std::vector<archived_analysis>& fresh) {
  for (auto& record : views) {
    if (record.status == 0 || !is_analysable(record.content_type)) continue;
    const auto analysis =
        analyses.analysis_of(record.sha256, record.body, record.content_type, fresh);
    record.analysis = resolve_analysis(*analysis, record.final_url);
  }
}

}  // namespace geocrawl
