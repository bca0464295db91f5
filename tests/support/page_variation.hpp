// How one response of a scenario page varies without changing what the site offers: what busy
// sites change per request (a form token, the clock, the banner, the order of a product grid)
// and per visitor (the currency, the visitor's own address). The comparison must read all of
// it as noise or localisation, never as cloaking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl::testing {

enum class currency { yen, dollar };

struct page_options {
  // Which request this is: every per-request part is drawn from it, so a run is reproducible
  // and two requests still differ. Serve a constant for a page that never changes.
  std::uint32_t request = 0;
  currency prices = currency::yen;
  std::string head_extra = "";  // first in <head>: a charset <meta>, a refresh, a script
  std::string visitor_ip = "";  // shown in the footer when set, as some shops show the visitor's
  bool half_width = false;      // the Japanese shop writes product names in half-width katakana
};

// The per-request parts of one response.
class request_noise {
 public:
  explicit request_noise(std::uint32_t request);

  const std::string& token() const noexcept { return token_; }          // 32 hex digits
  const std::string& timestamp() const noexcept { return timestamp_; }  // "2024-06-17 09:12:31"
  // One of `count` rotating items (banners, ads, quotes).
  std::size_t pick(std::size_t count) const noexcept { return pick_ % count; }
  // A shuffled order of `count` items, as shops that sort "by popularity" serve them.
  std::vector<std::size_t> order(std::size_t count) const;

 private:
  std::uint32_t request_;
  std::string token_;
  std::string timestamp_;
  std::size_t pick_;
};

// A complete HTML5 document: `head` first in <head> (where a charset <meta> must be), then the
// viewport, title and stylesheet; `body` in <body>. Declares no charset of its own: callers put
// the declaration they test in `head`.
std::string html_page(std::string_view lang, std::string_view title, std::string_view head,
                      std::string_view body);

// "12,800円" or "$85.33" (at 150 yen to the dollar), as the shop's visitor is shown it.
std::string price(unsigned yen, currency in);

}  // namespace geocrawl::testing
