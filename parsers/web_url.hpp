#pragma once
// URLs as a browser reads them. Hostile pages write hosts as numbers (0x7f.1),
// in Unicode, with stray spaces or backslashes; the crawler must land where a browser
// would and check the address policy against the host the browser would contact.
#include <string>
#include <string_view>

#include <boost/system/result.hpp>
#include <boost/url/url.hpp>
#include <boost/url/url_view.hpp>

namespace geocrawl {

// An http or https URL in canonical form: lower-case scheme and host, an IDNA A-label
// host, numeric IPv4 forms rewritten to dotted quads (WHATWG), default port dropped,
// dot segments removed, "/" for an empty path, no user info and no fragment.
// The error is a message for a person.
using web_url_result = boost::system::result<boost::urls::url, std::string>;

web_url_result parse_web_url(std::string_view text);

// Resolves a Location header or refresh target against the URL it came from, with the
// same leniency and canonical form as parse_web_url.
web_url_result resolve_web_url(const boost::urls::url_view& base, std::string_view reference);

// The host to connect to: a DNS name or an IP literal, IPv6 without brackets.
std::string connect_host(const boost::urls::url_view& url);
std::uint16_t connect_port(const boost::urls::url_view& url);

}  // namespace geocrawl
