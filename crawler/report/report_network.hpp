#pragma once
// A network of the run as the report shows it (crawler/networks/ linked it, the run's numbering
// named it): plain data, filled by the `report` command, every string from a page and hostile.
#include <cstdint>
#include <string>
#include <vector>

namespace geocrawl {

// What one side of a link showed: the vantages of its views that carried the identifier.
struct network_link_side {
  std::string url;                    // the site, as the report's site pages are keyed
  std::vector<std::string> vantages;  // of the views that showed the identifier
};

// Two sites joined by one identifier, the evidence for the link.
struct network_evidence {
  std::string kind;  // parsers/page_identifier's word
  std::string value;
  network_link_side a;
  network_link_side b;
};

struct network_identifier {
  std::string kind;
  std::string value;
};

struct report_network {
  std::int64_t id = 0;
  std::vector<std::string> members;             // site URLs, sorted
  std::vector<network_identifier> identifiers;  // what holds it together
  std::vector<network_evidence> links;          // enough to join every member
};

}  // namespace geocrawl
