#pragma once
// Which identifiers join two sites into one network. Strong ones name what one operator holds:
// an analytics or ad account, a contact, a checkout host, a certificate key, a shop template, a
// body. Weak ones are shared by strangers as often as by partners — an address (CDNs and
// shared hosting), an ASN, name servers, a favicon (every site of a CMS) — so they are shown
// beside a network but never join two sites on their own.
#include <string_view>

#include "parsers/page_identifier.hpp"

namespace geocrawl {

enum class link_strength { strong, weak };

link_strength strength_of(identifier_kind kind) noexcept;
std::string_view to_string(link_strength strength) noexcept;

}  // namespace geocrawl
