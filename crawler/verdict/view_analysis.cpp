#include "crawler/verdict/view_analysis.hpp"

#include <string>

namespace geocrawl {
namespace {

// A rendered DOM is outerHTML as the browser serialised it: HTML in UTF-8, whatever charset
// the page was sent in.
const std::string rendered_dom_type = "text/html; charset=utf-8";

}  // namespace

void analyze_views(analysis_cache& analyses, std::vector<view>& views,
                   std::vector<archived_analysis>& fresh) {
  for (auto& record : views) {
    if (record.status != 0 && is_analysable(record.content_type)) {
      const auto analysis =
          analyses.analysis_of(record.sha256, record.body, record.content_type, fresh);
      record.analysis = resolve_analysis(*analysis, record.final_url);
    }
    // The page after its scripts goes through the same analysis as a served body, its links
    // resolved against where the scripts left it.
    if (record.rendered && !record.rendered->dom.empty()) {
      auto& page = *record.rendered;
      const auto analysis =
          analyses.analysis_of(page.dom_sha256, page.dom, rendered_dom_type, fresh);
      page.analysis = resolve_analysis(*analysis, page.final_url);
    }
  }
}

}  // namespace geocrawl
