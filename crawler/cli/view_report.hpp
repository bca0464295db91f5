#pragma once
// The human-readable report of a fetch, for an analyst at a terminal.
#include <ostream>
#include <string_view>
#include <vector>

#include "crawler/store/registrar_record.hpp"
#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// The verdict and its reasons first, then the views side by side (one column each), then
// each view in full.
void print_fetch_report(std::ostream& out, std::string_view url, const std::vector<view>& views,
                        const site_comparison& verdict);

// Who the site's registrar is (RDAP), or why that is not known: printed after the views.
void print_registrar(std::ostream& out, const registrar_record& lookup);

// The analysis part of the report, also what `geocrawl analyze` prints for a file.
void print_analysis(std::ostream& out, const page_analysis& analysis);

}  // namespace geocrawl
