#pragma once
// One network's page of a report: its sites with their verdicts, their registrars grouped with
// the abuse contacts (the analyst files one complaint per registrar), the identifiers that hold
// it together, and each link's evidence: the identifier and the vantages on each side, the
// sites linked to their pages. Pages live in the report's networks/ folder.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/report/report_network.hpp"
#include "crawler/report/report_site.hpp"

namespace geocrawl {

inline constexpr std::string_view network_pages_folder = "networks";

// "network-12.html": a number only, so no page content reaches a file name.
std::string network_page_name(std::int64_t id);

// A member site the report has a page for.
struct network_site_entry {
  std::string url;
  std::string page;  // its file name inside site_pages_folder
  std::optional<cloaking_verdict> verdict;
  std::optional<registrar_info> registrar;
};

// `in_report`: the members written into this report, in any order; a member filtered out of
// the report (--verdict, --site) is named as text.
std::string network_page_html(const report_network& network,
                              const std::vector<network_site_entry>& in_report,
                              const report_run& run);

// The index's list of the networks, each linked to its page; "" without networks.
std::string networks_index_html(const std::vector<report_network>& networks);

}  // namespace geocrawl
