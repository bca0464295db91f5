#pragma once
// Where a URL points, as `changes` compares and keys it: its host, and the domain its
// registrar lookups are stored under.
#include <string>
#include <string_view>

namespace geocrawl {

// The URL's host, lower-case; "" for a URL that does not parse.
std::string host_of(std::string_view url);

// The key of the site's registrar lookups (rdap_lookups.domain): the registrable domain of the
// URL's host by the public suffix list, or the host where it has none (an IP address), as the
// export's registrable_domain column shows it.
std::string registrar_domain(std::string_view url);

}  // namespace geocrawl
