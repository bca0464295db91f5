#include "crawler/cli/stored_text.hpp"

#include <map>
#include <string>

namespace geocrawl {

void restore_visible_text(const page_analyzer& analyzer, std::vector<view>& views) {
  std::map<std::string, const std::string*, std::less<>> by_body;
  for (auto& record : views) {
    if (!record.analysis || record.body.empty() || !is_analysable(record.content_type)) continue;
    // The text depends on the bytes and the declared charset only, not on the URL.
    const auto key = record.sha256 + '\n' + record.content_type;
    if (const auto seen = by_body.find(key); seen != by_body.end()) {
      record.analysis->page.text = *seen->second;
      continue;
    }
    record.analysis->page.text =
        analyzer.analyze(record.body, record.content_type, record.final_url).page.text;
    by_body.emplace(key, &record.analysis->page.text);
  }
}

}  // namespace geocrawl
