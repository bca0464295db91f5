#pragma once
// One site's page of a report: its verdict and reasons, its vantages side by side (a column a
// view), the highlighted evidence in each page's text, the baseline's text against each
// other vantage's, and the complaint block. Pages live in the report's sites/ folder.
#include <string>

#include "crawler/report/report_site.hpp"

namespace geocrawl {

// The folder site pages are written to, inside the report's; images and the index are
// reached from a page through "../".
inline constexpr std::string_view site_pages_folder = "sites";

std::string site_page_html(const report_site& site, const report_run& run);

}  // namespace geocrawl
