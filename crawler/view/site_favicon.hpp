#pragma once
// Which icon a site's page names and what its fetch recorded. The page analysis keeps the
// icon's <link> resolved against the view's final URL (page_extract::icon); a page that names
// none gets /favicon.ico at its final URL's origin, where browsers and Shodan look. The fetch
// itself is a view through the same vantage (crawler/batch), turned into its record here.
#include <cstddef>
#include <optional>
#include <string>

#include "crawler/view/favicon_fetch.hpp"
#include "crawler/view/view.hpp"

namespace geocrawl {

// The icon URL of a view's page; nullopt when the view has no http(s) URL to start from.
std::optional<std::string> favicon_url(const view& page);

// The record of an icon fetched as `fetched` (a view of `url` bounded to `max_bytes` of body).
favicon_fetch favicon_of(std::string url, const view& fetched, std::size_t max_bytes);

}  // namespace geocrawl
