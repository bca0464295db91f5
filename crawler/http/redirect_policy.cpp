#include "crawler/http/redirect_policy.hpp"

#include "crawler/http/fetch_error.hpp"
#include "parsers/ascii.hpp"
#include "parsers/page_analysis.hpp"
#include "parsers/refresh_scan.hpp"

namespace geocrawl {

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

namespace {

std::optional<chain_step> refresh_step(redirect_kind via,
                                       const std::optional<refresh_content>& refresh,
                                       std::chrono::milliseconds max_delay) {
  if (!refresh || refresh->url.empty()) return std::nullopt;  // no target: refreshes in place
  if (refresh->delay_seconds * 1000 > static_cast<double>(max_delay.count())) return std::nullopt;
  return chain_step{via, refresh->url};
}

}  // namespace

std::optional<chain_step> next_chain_step(int status, std::string_view location,
                                          const header_list& headers, std::string_view content_type,
                                          std::string_view body,
                                          std::chrono::milliseconds max_refresh_delay) {
  if (is_followed_redirect(status)) {
    if (location.empty()) return std::nullopt;
    return chain_step{redirect_kind::location, location};
  }
  if (status < 200 || status > 299) return std::nullopt;
  for (const auto& [name, value] : headers) {
    if (equals_ignoring_ascii_case(name, "refresh")) {
      return refresh_step(redirect_kind::refresh_header, parse_refresh_content(value),
                          max_refresh_delay);
    }
  }
  if (!is_html(content_type)) return std::nullopt;
  return refresh_step(redirect_kind::meta_refresh, find_meta_refresh(body), max_refresh_delay);
}

bool redirect_guard::admits(const std::string& url, const std::string& cookie_header) const {
  return !seen_.contains(url + '\n' + cookie_header) && requests_ <= max_redirects_;
}

std::optional<view_error> redirect_guard::admit(const std::string& url,
                                                const std::string& cookie_header) {
  if (!seen_.insert(url + '\n' + cookie_header).second) {
    return make_view_error(
        fetch_errc::redirect_loop,
        "redirect loop: " + url + " was already requested with the same cookies");
  }
  if (requests_++ > max_redirects_) {
    return make_view_error(
        fetch_errc::too_many_redirects,
        "more than " + std::to_string(max_redirects_) + " redirects (limits.max_redirects)");
  }
  return std::nullopt;
}

}  // namespace geocrawl
