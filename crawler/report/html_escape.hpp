#pragma once
// Page content is hostile: a title may close the <title> and open a <script>. Every string
// that enters a report's HTML goes through the function for its context, here, and nowhere
// else is markup built from untrusted text. Nothing untrusted ever goes into a script, a
// style or a URL attribute that the browser would follow.
//
// Both functions also replace invalid UTF-8 by U+FFFD (the repair the JSON output makes,
// parsers/charset/utf8.hpp) and NUL by U+FFFD, so a report is always valid UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

namespace geocrawl {

// For the text content of an element (not <script>, <style>, <textarea> or <title>, which
// the report never fills with untrusted text).
void append_html_text(std::string& out, std::string_view untrusted);
std::string html_text(std::string_view untrusted);
// At most `max_bytes` of it, cut on a character boundary, with "… (N bytes)" when cut: for a
// title or URL that may be megabytes long.
std::string html_text_bounded(std::string_view untrusted, std::size_t max_bytes);

// For an attribute value written between double quotes (the report quotes every attribute).
std::string html_attribute(std::string_view untrusted);

// `text` with user:password@ taken out of every URL in it: a proxy URL's credentials must not
// reach a report even if a proxy's name or an error message carries one.
std::string without_credentials(std::string_view text);

}  // namespace geocrawl
