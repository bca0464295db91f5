#pragma once
// Cookies for one view (RFC 6265): cloakers set a cookie and redirect, and only a
// client that sends it back on the next hop sees what a browser sees.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/url/url_view.hpp>

namespace geocrawl {

class cookie_jar {
 public:
  using time_point = std::chrono::system_clock::time_point;

  // Takes one Set-Cookie value received from `from`. Like a browser, ignores cookies
  // that are malformed, too large, or for a domain the response may not set.
  void store(std::string_view set_cookie, const boost::urls::url_view& from, time_point now);

  // The Cookie header value for a request to `to`, "" when there is none.
  std::string header_for(const boost::urls::url_view& to, time_point now) const;

  std::size_t size() const { return cookies_.size(); }

 private:
  struct cookie {
    std::string name;
    std::string value;
    std::string domain;
    std::string path;
    bool host_only = true;
    bool secure = false;
    std::optional<time_point> expires;
  };
  std::vector<cookie> cookies_;
};

// RFC 6265 section 5.1.1 cookie-date parsing; nullopt when the date is invalid.
std::optional<std::chrono::system_clock::time_point> parse_cookie_date(std::string_view text);

}  // namespace geocrawl
