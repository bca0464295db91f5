#pragma once
// Contacts a page gives: e-mail addresses, phone numbers (parsers/phone_numbers.hpp) and
// messenger handles (LINE, WhatsApp, Telegram, Skype), read from the visible text and from
// links. Operators hide addresses from harvesters — "sales [at] shop [dot] com",
// "sales(at)shop.com", "sales＠shop.com", "sales★shop.com" — and the shapes the trade uses are
// read back to the address. Values are lower case (handles and hosts are case-insensitive).
#include <string_view>

#include "parsers/page_identifier.hpp"

namespace geocrawl {

// In normalize_text's output (full-width forms folded, case folded, spaces collapsed).
void find_contacts_in_text(std::string_view normalized_text, identifier_collector& out);

// In a link's href: mailto:, tel:, line.me and lin.ee, wa.me and api.whatsapp.com, t.me and
// telegram.me, skype:.
void find_contacts_in_link(std::string_view href, identifier_collector& out);

}  // namespace geocrawl
