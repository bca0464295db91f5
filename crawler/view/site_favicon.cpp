#include "crawler/view/site_favicon.hpp"

#include "parsers/favicon_hash.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

std::optional<std::string> favicon_url(const view& page) {
  if (page.analysis && !page.analysis->page.icon.empty()) return page.analysis->page.icon;
  const auto parsed = parse_web_url(page.final_url.empty() ? page.requested_url : page.final_url);
  if (!parsed) return std::nullopt;
  const auto icon = resolve_web_url(*parsed, "/favicon.ico");
  if (!icon) return std::nullopt;
  return std::string(icon->buffer());
}

favicon_fetch favicon_of(std::string url, const view& fetched, std::size_t max_bytes) {
  favicon_fetch icon;
  icon.url = std::move(url);
  icon.final_url = fetched.final_url;
  icon.status = fetched.status;
  icon.bytes = fetched.body.size();
  icon.fetched_at = fetched.fetched_at;
  if (fetched.error) {
    icon.outcome = favicon_outcome::failed;
    icon.error = fetched.error;
  } else if (fetched.status < 200 || fetched.status > 299) {
    icon.outcome = favicon_outcome::http_error;
  } else if (fetched.truncated) {
    // A part of an icon hashes to nothing anyone else has: no hash rather than a wrong one.
    icon.outcome = favicon_outcome::oversize;
    icon.detail = "more than limits.max_favicon_bytes (" + std::to_string(max_bytes) + " bytes)" +
                  (fetched.truncated_reason.empty() ? "" : ": " + fetched.truncated_reason);
  } else if (fetched.body.empty()) {
    icon.outcome = favicon_outcome::empty;
  } else {
    icon.outcome = favicon_outcome::hashed;
    icon.hash = favicon_hash(fetched.body);
  }
  return icon;
}

}  // namespace geocrawl
