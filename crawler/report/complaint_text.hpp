#pragma once
// The text an analyst pastes into an e-mail to the registrar's abuse desk: the domain, who to
// write to, what each country was shown and when, and the hashes that tie it to the stored
// evidence. Plain text; the page that shows it escapes it like any other.
#include <optional>
#include <string>
#include <string_view>

#include "crawler/report/report_site.hpp"

namespace geocrawl {

std::string complaint_text(const report_site& site, const report_run& run);

// "Registrar: NAME (IANA ID N)\nAbuse contact: E-MAIL, PHONE\n", or "Registrar: registrar
// unknown\n" before RDAP has answered, with `unknown_why` in brackets when its lookup failed:
// the complaint's lines, also shown atop the site page.
std::string registrar_text(const std::optional<registrar_info>& registrar,
                           std::string_view unknown_why = {});

}  // namespace geocrawl
