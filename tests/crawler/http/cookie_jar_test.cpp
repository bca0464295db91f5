#include "crawler/http/cookie_jar.hpp"

#include <doctest/doctest.h>

#include "parsers/web_url.hpp"

namespace geocrawl {

namespace {

boost::urls::url url(const char* text) { return *parse_web_url(text); }

const auto now =
    std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 11 / 27));

}  // namespace

TEST_CASE("a cookie set on one hop is sent on the next") {
  cookie_jar jar;
  jar.store("session=abc; Path=/", url("http://shop.example/login"), now);
  CHECK(jar.header_for(url("http://shop.example/shop"), now) == "session=abc");
  CHECK(jar.header_for(url("http://other.example/"), now) == "");
}

TEST_CASE("host-only and domain cookies") {
  cookie_jar jar;
  jar.store("host=1", url("http://shop.example/"), now);
  jar.store("wide=2; Domain=.shop.example", url("http://shop.example/"), now);
  CHECK(jar.header_for(url("http://www.shop.example/"), now) == "wide=2");
  CHECK(jar.header_for(url("http://shop.example/"), now) == "host=1; wide=2");
  jar.store("foreign=3; Domain=evil.example", url("http://shop.example/"), now);
  jar.store("suffix=4; Domain=example", url("http://shop.example/"), now);
  CHECK(jar.size() == 2);
}

TEST_CASE("a Domain that is a public suffix is refused") {
  cookie_jar jar;
  const auto shop = url("http://shop.example.co.jp/");
  jar.store("everyone=1; Domain=co.jp", shop, now);
  jar.store("dotted=2; Domain=.CO.JP", shop, now);
  jar.store("registry=3; Domain=jp", shop, now);
  CHECK(jar.size() == 0);
  CHECK(jar.header_for(url("http://other.co.jp/"), now) == "");
  jar.store("site=4; Domain=example.co.jp", shop, now);
  CHECK(jar.header_for(url("http://www.example.co.jp/"), now) == "site=4");
}

TEST_CASE("a host that is a public suffix keeps its Domain cookie to itself") {
  cookie_jar jar;
  jar.store("own=1; Domain=github.io", url("https://github.io/"), now);
  CHECK(jar.header_for(url("https://github.io/"), now) == "own=1");
  CHECK(jar.header_for(url("https://pages.github.io/"), now) == "");
}

TEST_CASE("path, secure and replacement") {
  cookie_jar jar;
  jar.store("a=1", url("http://s.example/dir/page"), now);  // default path /dir
  CHECK(jar.header_for(url("http://s.example/dir/other"), now) == "a=1");
  CHECK(jar.header_for(url("http://s.example/directory"), now) == "");
  jar.store("b=2; Path=/; Secure", url("https://s.example/"), now);
  CHECK(jar.header_for(url("http://s.example/"), now) == "");
  CHECK(jar.header_for(url("https://s.example/dir/x"), now) == "a=1; b=2");
  jar.store("a=changed; Path=/dir", url("http://s.example/dir/x"), now);
  CHECK(jar.header_for(url("http://s.example/dir/x"), now) == "a=changed");
}

TEST_CASE("expiry: Max-Age wins, a past date deletes") {
  cookie_jar jar;
  const auto from = url("http://s.example/");
  jar.store("short=1; Max-Age=10", from, now);
  CHECK(jar.header_for(from, now + std::chrono::seconds(5)) == "short=1");
  CHECK(jar.header_for(from, now + std::chrono::seconds(11)) == "");
  jar.store("gone=1", from, now);
  jar.store("gone=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT", from, now);
  jar.store("both=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100", from, now);
  CHECK(jar.header_for(from, now) == "short=1; both=1");
}

TEST_CASE("malformed and oversized cookies are ignored") {
  cookie_jar jar;
  const auto from = url("http://s.example/");
  jar.store("novalue", from, now);
  jar.store("=empty-name", from, now);
  jar.store("big=" + std::string(5000, 'x'), from, now);
  CHECK(jar.size() == 0);
  for (int i = 0; i < 200; ++i) jar.store("c" + std::to_string(i) + "=v", from, now);
  CHECK(jar.size() == 64);
}

TEST_CASE("parse_cookie_date follows RFC 6265") {
  using namespace std::chrono;
  const auto expected = sys_days(year(2030) / 6 / 9) + hours(10) + minutes(18) + seconds(14);
  CHECK(parse_cookie_date("Sun, 09 Jun 2030 10:18:14 GMT") == expected);
  CHECK(parse_cookie_date("Sunday, 09-Jun-30 10:18:14 GMT") == expected);
  CHECK(parse_cookie_date("Jun 9 10:18:14 2030") == expected);
  CHECK_FALSE(parse_cookie_date("not a date").has_value());
  CHECK_FALSE(parse_cookie_date("31 Feb 2030 10:00:00").has_value());
}

}  // namespace geocrawl
