// What rogue pharmacies serve, written the way their pages read: a Japanese personal-import
// shop, its English counterpart, keyword stuffing for crawlers, and the covers shown to
// visitors the shop does not want (under construction, parked, error pages). All UTF-8:
// scenarios re-encode them (tests/support/legacy_encoding.hpp) to test legacy charsets.
#pragma once

#include <string>

#include "tests/support/page_variation.hpp"

namespace geocrawl::testing {

// バイアグラ, シアリス, レビトラ, カマグラゴールド and プロペシア "処方箋不要" from a 個人輸入代行
// shop, with a cart, a FAQ and shipping and payment terms. Only characters Shift_JIS and
// EUC-JP can encode.
std::string japanese_shop(const page_options& options = {});

// The same range as an English shop: Viagra, Cialis, Levitra, Kamagra Gold and Propecia, "no
// prescription needed", discreet shipping, Bitcoin.
std::string english_shop(const page_options& options = {});

// Hidden-text spam shown to search crawlers: drug names and no-prescription phrases repeated
// around a thin article.
std::string keyword_stuffed_page();

// A Japanese hosting provider's "ただいま工事中" placeholder.
std::string japanese_construction_page();

// A registrar's "This domain is for sale" parking page with sponsored listings.
std::string parked_domain_page();

// The web server's own page for 403, 404, 451 or 503 (nginx's wording; 451 with the reason
// geo-blocking sites give). Throws std::invalid_argument for other statuses.
std::string error_page(int status);

}  // namespace geocrawl::testing
