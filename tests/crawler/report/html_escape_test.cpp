#include "crawler/report/html_escape.hpp"

#include <doctest/doctest.h>

#include "parsers/charset/utf8.hpp"

namespace geocrawl {

TEST_CASE("html escape: markup in text comes out as text") {
  CHECK(html_text("</title><script>alert(1)</script>") ==
        "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(html_text("a & b") == "a &amp; b");
  CHECK(html_text("&lt;") == "&amp;lt;");
}

TEST_CASE("html escape: quotes cannot end an attribute value") {
  CHECK(html_attribute("x\" onmouseover=\"alert(1)") == "x&quot; onmouseover=&quot;alert(1)");
  CHECK(html_attribute("it's") == "it&#39;s");
}

TEST_CASE("html escape: invalid UTF-8 and NUL become U+FFFD, valid text is kept") {
  CHECK(html_text("ok\xff\xfe!") == "ok\xEF\xBF\xBD\xEF\xBF\xBD!");
  CHECK(html_text(std::string_view("a\0b", 3)) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(html_text("バイアグラ") == "バイアグラ");
  CHECK(html_attribute("\xc3") == "\xEF\xBF\xBD");
}

TEST_CASE("html escape: no two bytes make markup or invalid UTF-8") {
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      std::string bytes{static_cast<char>(first), static_cast<char>(second)};
      auto out = html_attribute(bytes);
      if (out.find_first_of("<>\"'") != std::string::npos || decode_utf8(out).replacements != 0) {
        FAIL_CHECK("escaped " << first << ", " << second << " as " << out);
      }
    }
  }
}

TEST_CASE("html escape: a bounded text is cut on a character boundary and says so") {
  CHECK(html_text_bounded("short", 10) == "short");
  // "バ" is three bytes: four bytes hold one character and a part of the next.
  CHECK(html_text_bounded("バイ", 4) == "バ… (6 bytes)");
  CHECK(html_text_bounded("<<<<", 2) == "&lt;&lt;… (4 bytes)");
}

TEST_CASE("without credentials: user info leaves every URL, the rest stays") {
  CHECK(without_credentials("socks5h://alice:s3cret@proxy.example:1080") ==
        "socks5h://proxy.example:1080");
  CHECK(without_credentials("via http://u:p@a.example/x and https://b:c@d.example") ==
        "via http://a.example/x and https://d.example");
  CHECK(without_credentials("tokyo-1") == "tokyo-1");
  CHECK(without_credentials("https://shop.example/@user") == "https://shop.example/@user");
  CHECK(without_credentials("http://u:p@") == "http://");
}

}  // namespace geocrawl
