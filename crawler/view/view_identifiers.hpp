#pragma once
// What a view shows that the sites of one network share: its page analysis's identifiers with
// national phone numbers made E.164 for the page's country (its language, else the view's
// exit country); for a page that sells (page_sells), the registrable domains its links lead to
// (sister links); and the view's own infrastructure — the TLS key, the registrable domains the
// certificate's names cover, the body's hash, the address it was served from when fetched
// direct (through a proxy that is the proxy's), and the site's favicon hash when this view's
// vantage fetched it. Sister links and certificate names leave out the domain the page was
// served under: a link or a name of one's own links nothing.
#include <vector>

#include "crawler/view/view.hpp"
#include "parsers/page_identifier.hpp"

namespace geocrawl {

// Sorted, each once.
std::vector<page_identifier> view_identifiers(const view& record);

}  // namespace geocrawl
