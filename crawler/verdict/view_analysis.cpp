#include "crawler/verdict/view_analysis.hpp"

#include <string>
#include <string_view>

namespace geocrawl {
namespace {

// The type a rendered DOM is analysed as: outerHTML is HTML serialised as UTF-8 whatever the
// page was served as, and the charset in the label keeps a <meta charset> the scripts left in
// it from decoding it as something else.
constexpr std::string_view rendered_dom_type = "text/html; charset=utf-8";

}  // namespace

void analyze_views(analysis_cache& analyses, std::vector<view>& views,
                   std::vector<archived_analysis>& fresh) {
  for (auto& record : views) {
    if (record.status != 0 && is_analysable(record.content_type)) {
      const auto analysis =
          analyses.analysis_of(record.sha256, record.body, record.content_type, fresh);
      record.analysis = resolve_analysis(*analysis, record.final_url);
    }
    // The rendered DOM is read like a served body, against the URL the scripts left the page
    // at; the cache shares one analysis between vantages whose scripts built the same DOM.
    if (record.rendered && !record.rendered->dom_sha256.empty()) {
      auto& rendered = *record.rendered;
      const auto analysis = analyses.analysis_of(rendered.dom_sha256, rendered.dom,
                                                 std::string(rendered_dom_type), fresh);
      rendered.analysis = resolve_analysis(*analysis, rendered.final_url);
    }
  }
}

}  // namespace geocrawl
