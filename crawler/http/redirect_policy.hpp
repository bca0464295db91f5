#pragma once
// Which responses are followed (3xx, Refresh, meta refresh), how far, and when a chain
// can never end.
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "crawler/view/view.hpp"

namespace geocrawl {

bool is_followed_redirect(int status);  // 301, 302, 303, 307, 308

// How a browser goes on from a response: a 3xx Location, a Refresh header or a
// <meta http-equiv=refresh> on a 2xx page, when the refresh's delay is at most
// max_refresh_delay (a page that refreshes after ten minutes is where the visitor stays).
struct chain_step {
  redirect_kind via;
  std::string_view reference;  // as written; views the response
};

std::optional<chain_step> next_chain_step(int status, std::string_view location,
                                          const header_list& headers, std::string_view content_type,
                                          std::string_view body,
                                          std::chrono::milliseconds max_refresh_delay);

class redirect_guard {
 public:
  explicit redirect_guard(int max_redirects) : max_redirects_(max_redirects) {}

  // Called once per request of a view, the first included. A request that repeats an
  // earlier one with the same cookies would get the same answer again: a loop.
  std::optional<view_error> admit(const std::string& url, const std::string& cookie_header);
  // Whether admit() would accept it. A refresh the guard would refuse is not followed: the
  // page that asks for it is where the view ends (a page that refreshes to itself is normal).
  bool admits(const std::string& url, const std::string& cookie_header) const;

 private:
  int max_redirects_;
  int requests_ = 0;
  std::set<std::string> seen_;
};

}  // namespace geocrawl
