#pragma once
// The report's index: one row a site (verdict, score, countries seen, drugs, registrar) in a
// plain table that reads with JavaScript off; the page's own small script adds sorting by any
// column and filters by verdict and country. The rows are small and kept until the end, so
// the index of thousands of sites costs little while the site pages stream.
#include <optional>
#include <string>
#include <vector>

#include "crawler/report/report_network.hpp"
#include "crawler/report/report_site.hpp"

namespace geocrawl {

struct index_row {
  std::string page;  // the site page's file name, inside site_pages_folder
  std::string url;
  std::optional<cloaking_verdict> verdict;
  std::optional<double> score;
  std::vector<std::string> countries;
  std::vector<std::string> drugs;
  std::string registrar;  // its name; "" when unknown
};

index_row make_index_row(const report_site& site, std::string page);

// The sites' table, then the networks' (each linked to its page).
std::string index_page_html(const report_run& run, const std::vector<index_row>& rows,
                            const std::vector<report_network>& networks);

}  // namespace geocrawl
