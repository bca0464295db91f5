#pragma once
// Phone numbers on a page, in one form whoever wrote them: "03-1234-5678",
// "０３－１２３４－５６７８" (full-width, which normalize_text folds), "03 1234 5678", "(03)
// 1234.5678", "+81 3-1234-5678",
// "+81 (0)3 1234 5678". A page does not say which country a national number belongs to, and the
// same body can be served anywhere, so the page analysis keeps what was written — "+" and the
// digits for an international number, the national digits (trunk prefix included) otherwise —
// and to_e164 completes a national number once a view says which country it is in.
#include <optional>
#include <string>
#include <string_view>

#include "parsers/page_identifier.hpp"

namespace geocrawl {

// Numbers in normalize_text's output. Taken: "+" and 8-15 digits; a national number starting
// with its trunk 0 with 9-12 digits and at least one separator (a bare run of digits is an
// order number or a price as often as a phone); a 10-digit number grouped 3-3-4 with a
// separator ((555) 123-4567: North America). Separators: space, - . ( ) / and the dashes of
// other scripts (U+2010-U+2015, U+2212, U+30FC, U+301C).
void find_phone_numbers(std::string_view normalized_text, identifier_collector& out);

// The number a tel: link dials, in the same form; nullopt for fewer than 7 or more than 15
// digits.
std::optional<std::string> phone_from_tel(std::string_view tel);

// A number found on a page as E.164, when `country` (ISO 3166-1 alpha-2, upper case) is one
// whose calling code and trunk prefix are known here; otherwise the number as it was.
std::string to_e164(std::string_view number, std::string_view country);

// The country a page's national numbers belong to: the region of its <html lang> ("en-GB"),
// else the one country of its language ("ja": JP), else the country the view came from.
std::string phone_country(std::string_view lang, std::string_view exit_country);

}  // namespace geocrawl
