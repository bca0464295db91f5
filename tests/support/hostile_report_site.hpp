// A site whose every string attacks the report that shows it: markup in the title and text,
// quotes for attributes, javascript: links, a proxy URL with credentials, invalid UTF-8 and a
// 10 MB text. Shared by the report's unit tests and the test that opens it in Chromium.
#pragma once

#include <cstdint>
#include <string>

#include "crawler/report/report_network.hpp"
#include "crawler/report/report_site.hpp"

namespace geocrawl::testing {

// Injected scripts would add an element of this name to the page; its absence from the
// rendered DOM shows none ran. The markup that would do it never spells it in one piece.
inline constexpr std::string_view injected_marker = "pwned-marker";

// The proxy password in hostile_site's proxy field, which must appear nowhere in a report.
inline constexpr std::string_view proxy_password = "hunter2-secret";

// An injected script that adds injected_marker to the document.
std::string injected_script();

// Two views (default from US, jp from JP through a proxy), cloaked, hostile everywhere; in
// hostile_network_id.
report_site hostile_site();

inline constexpr std::int64_t hostile_network_id = 12;

// hostile_site's network: a sister site whose URL breaks out of markup and is not in the
// report, identifiers (an e-mail and a phone as a page could spell them) with markup, quotes and
// an injected script, and links between them whose vantages are hostile too.
report_network hostile_network();

}  // namespace geocrawl::testing
