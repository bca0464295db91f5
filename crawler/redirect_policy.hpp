#pragma once
// Which responses are followed, how far, and when a chain can never end.
#include <optional>
#include <set>
#include <string>

#include "crawler/view.hpp"

namespace geocrawl {

bool is_followed_redirect(int status);  // 301, 302, 303, 307, 308

class redirect_guard {
 public:
  explicit redirect_guard(int max_redirects) : max_redirects_(max_redirects) {}

  // Called once per request of a view, the first included. A request that repeats an
  // earlier one with the same cookies would get the same answer again: a loop.
  std::optional<view_error> admit(const std::string& url, const std::string& cookie_header);

 private:
  int max_redirects_;
  int requests_ = 0;
  std::set<std::string> seen_;
};

}  // namespace geocrawl
