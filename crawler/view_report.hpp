#pragma once
// The human-readable report of a fetch, for an analyst at a terminal.
#include <ostream>
#include <string_view>
#include <vector>

#include "crawler/view.hpp"

namespace geocrawl {

void print_fetch_report(std::ostream& out, std::string_view url, const std::vector<view>& views);

// The analysis part of the report, also what `geocrawl analyze` prints for a file.
void print_analysis(std::ostream& out, const page_analysis& analysis);

}  // namespace geocrawl
