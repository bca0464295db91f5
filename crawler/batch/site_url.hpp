#pragma once
// One entry of a sites file as the URL to crawl. People write "example.com",
// "Example.COM.", "https://shop.example/#top"; each becomes the canonical URL that
// parse_web_url gives, so two spellings of one site compare equal.
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace geocrawl {

struct site_url {
  std::string url;  // canonical http(s) URL: what is fetched first and stored
  std::string
      fallback_url;  // for a bare domain, the http:// URL tried when https fails; else empty
};

// `text` is an http(s) URL or a bare domain with an optional port, path and query
// ("example.com:8443/shop?q=1"), which is tried with https and then http. The canonical
// form is parse_web_url's (so no fragment: it never reaches the server) without a host
// name's trailing dot. The host must be a DNS name (letters, digits, '-', '_') or an IP
// literal, and a bare one needs a dot unless it is "localhost". User info, spaces and
// control characters are refused.
// The error says what is wrong, quoting at most 80 characters of `text` and never its
// user info: a password in a sites file must not also end up in a log.
boost::system::result<site_url, std::string> parse_site_url(std::string_view text);

}  // namespace geocrawl
