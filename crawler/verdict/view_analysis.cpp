#include "crawler/verdict/view_analysis.hpp"

#include <map>

namespace geocrawl {

void analyze_views(const page_analyzer& analyzer, std::vector<view>& views) {
  std::map<std::string, const page_analysis*, std::less<>> by_body;
  for (auto& record : views) {
    if (record.status == 0 || !is_analysable(record.content_type)) continue;
    // The analysis depends on the bytes, the declared charset and the URL links are
    // resolved against; only a body seen under all three alike is shared.
    const auto key = record.sha256 + '\n' + record.content_type + '\n' + record.final_url;
    if (const auto seen = by_body.find(key); seen != by_body.end()) {
      record.analysis = *seen->second;
      continue;
    }
    record.analysis = analyzer.analyze(record.body, record.content_type, record.final_url);
    by_body.emplace(key, &*record.analysis);
  }
}

}  // namespace geocrawl
