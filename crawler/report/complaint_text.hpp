#pragma once
// The text an analyst pastes into an e-mail to the registrar's abuse desk: the domain, who to
// write to, what each country was shown and when, and the hashes that tie it to the stored
// evidence. Plain text; the page that shows it escapes it like any other.
#include <string>

#include "crawler/report/report_site.hpp"

namespace geocrawl {

std::string complaint_text(const report_site& site, const report_run& run);

}  // namespace geocrawl
