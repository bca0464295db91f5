// The vocabulary the cloaking scenarios are written in: who is asking (a Japanese exit, a
// crawler, a visitor from a Google Japan search) and the responses a cloaking site gives
// (pages in legacy charsets, redirects, the silent treatment).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {

// --- who is asking ---
bool from_japan(const received_request& request);    // through a JP exit (test GeoIP database)
bool is_googlebot(const received_request& request);  // the user agent says Googlebot
// Came from a Google Japan search result: what referer cloakers let through.
bool from_google_japan(const received_request& request);
bool reads_japanese(const received_request& request);  // Accept-Language puts ja first
// The path of the request below the scenario's root "/<name>/": "" for the root itself, "shop"
// for "/<name>/shop?x=1".
std::string_view subpath(const received_request& request);

// --- what a site answers ---
// 200 with the body as it is and this Content-Type ("text/html; charset=utf-8" unless told).
response_script page(std::string body, std::string content_type = "text/html; charset=utf-8");
// A status other than 200 with an HTML body (error pages, geo blocks).
response_script page_with_status(int status, std::string body);
// 3xx with a Location and a short HTML body, as servers send.
response_script redirect(int status, const std::string& location);

std::string as_shift_jis(std::string_view utf8);  // windows-31j, what "Shift_JIS" sites write
std::string as_euc_jp(std::string_view utf8);

// Counts the requests one scenario has served, to vary its noise per request. Copies share the
// count, so a handler holding one stays copyable.
class request_counter {
 public:
  std::uint32_t next() const { return ++*count_; }

 private:
  std::shared_ptr<std::atomic<std::uint32_t>> count_ =
      std::make_shared<std::atomic<std::uint32_t>>(0);
};

}  // namespace geocrawl::testing
