#pragma once
// What a site adds up to across its views, as the index, the site page and the complaint
// name it: its domain, the countries it was seen from, the drugs it offers.
#include <string>
#include <string_view>
#include <vector>

#include "crawler/view/view.hpp"

namespace geocrawl {

// The registrable domain of the URL's host (crawler/domain/), the host itself where it has
// none, or the URL as given when it has no host.
std::string site_domain(std::string_view url);

// The distinct verified exit countries of the views, sorted.
std::vector<std::string> countries_seen(const std::vector<view>& views);

// The distinct drugs (canonical names) any view's page names, sorted.
std::vector<std::string> drugs_found(const std::vector<view>& views);

// A score as every page of the report writes it: "0.87".
std::string score_digits(double score);

// "a, b, c"; `none` for an empty list.
std::string joined(const std::vector<std::string>& words, std::string_view none);

}  // namespace geocrawl
