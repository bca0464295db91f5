#pragma once
// Which identifiers join two sites into one network. Strong ones name what one operator holds:
// an analytics or ad account, a contact, a checkout host, a certificate key, a shop template, a
// body. Weak ones are shared by strangers as often as by partners — an address (CDNs and
// shared hosting), an ASN, name servers, a favicon (every site of a CMS) — so they are shown
// beside a network but never join two sites on their own.
//
// How a strong one joins: most by a shared value (two sites with one phone number). A sister
// link or a certificate name instead points at a registrable domain: it joins the site that
// shows it to the site of the run whose domain that is, and never the sites that merely point
// at one domain (shops all linking to one review site, or to one another's domains that were
// not crawled, are not one operation by that alone).
#include <string_view>

#include "parsers/page_identifier.hpp"

namespace geocrawl {

enum class link_strength { strong, weak };

enum class link_mode { shared_value, points_at_site };

link_strength strength_of(identifier_kind kind) noexcept;
link_mode mode_of(identifier_kind kind) noexcept;
std::string_view to_string(link_strength strength) noexcept;

}  // namespace geocrawl
