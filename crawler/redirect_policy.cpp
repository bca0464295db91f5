#include "crawler/redirect_policy.hpp"

#include "crawler/fetch_error.hpp"

namespace geocrawl {

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::optional<view_error> redirect_guard::admit(const std::string& url,
                                                const std::string& cookie_header) {
  if (!seen_.insert(url + '\n' + cookie_header).second) {
    return make_view_error(fetch_errc::redirect_loop,
                           "redirect loop: " + url + " was already requested with the same cookies");
  }
  if (requests_++ > max_redirects_) {
    return make_view_error(fetch_errc::too_many_redirects,
                           "more than " + std::to_string(max_redirects_) +
                               " redirects (limits.max_redirects)");
  }
  return std::nullopt;
}

}  // namespace geocrawl
