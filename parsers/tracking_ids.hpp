#pragma once
// Analytics and advertising accounts named in a page's code: Google Analytics (UA- and G-),
// Google Tag Manager, Yandex.Metrica, the Meta pixel and AdSense. The same account on two
// domains is an operator's reuse. Read from inline script text (JavaScript or JSON config
// alike) and from URLs (script and image sources, tracking-pixel links), by the shapes the
// vendors' own snippets write; a text that only looks like one ("UA-1" in prose) is not taken.
#include <string_view>

#include "parsers/page_identifier.hpp"

namespace geocrawl {

void find_tracking_ids(std::string_view code, identifier_collector& out);

}  // namespace geocrawl
