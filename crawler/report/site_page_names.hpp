#pragma once
// The file a site's page is written to, from its URL: readable (the host and path in it),
// safe (only [a-z0-9._-], never "..", never a leading dot, bounded length, so no URL can name
// a path outside the report or a reserved name), and unique within one report.
#include <string>
#include <string_view>
#include <unordered_set>

namespace geocrawl {

// "shop.example.jp_ja_index-1a2b3c4d.html": the readable part cut at max_readable_bytes, then
// the start of the URL's SHA-256, so two URLs that read alike still get two names.
std::string site_page_name(std::string_view url);

// Names handed out in one report; the same URL twice (it should not happen, but a store
// reader may repeat one) gets "-2", "-3"... rather than overwriting the first page.
class site_page_names {
 public:
  std::string claim(std::string_view url);

 private:
  std::unordered_set<std::string> taken_;
};

}  // namespace geocrawl
