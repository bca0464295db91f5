#include "parsers/content_type.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {
namespace {

TEST_CASE("charset_from_content_type reads the charset parameter as Fetch does") {
  struct header_case {
    std::string_view content_type;
    std::optional<std::string_view> charset;
  };
  const header_case cases[] = {
      {"text/html; charset=utf-8", "utf-8"},
      {"text/html;charset=Shift_JIS", "Shift_JIS"},
      {"TEXT/HTML; CHARSET=x-sjis", "x-sjis"},
      {"text/html; charset=\"EUC-JP\"", "EUC-JP"},
      {"text/html; charset=\"gb\\2312\"", "gb2312"},
      {"text/html; charset= utf-8 ", "utf-8"},
      {"  text/html ;charset=koi8-r;q=1", "koi8-r"},
      {"text/html; foo=\"a;charset=x\"; charset=gbk", "gbk"},
      {"text/html; charset=utf-8; charset=latin1", "utf-8"},
      // A second value (headers joined with commas) of the same type inherits the charset;
      // one of another type resets it.
      {"text/html, text/html; charset=euc-kr", "euc-kr"},
      {"text/html; charset=gbk, text/html", "gbk"},
      {"text/html; charset=gbk, text/plain", std::nullopt},
      {"text/html; charset=gbk, */*", "gbk"},
      {"text/html; foo=\"x,y\"; charset=big5", "big5"},
      {"", std::nullopt},
      {"text/html", std::nullopt},
      {"text/html; charset=", std::nullopt},
      {"text/html; charset=\"\"", std::nullopt},
      {"text/html; charset =utf-8", std::nullopt},  // "charset " is not the parameter name
      {"charset=utf-8", std::nullopt},              // no type/subtype: not a MIME type
      {"text/; charset=utf-8", std::nullopt},
  };
  for (const auto& [content_type, charset] : cases) {
    const std::string shown(content_type);
    CAPTURE(shown);
    const auto found = charset_from_content_type(content_type);
    REQUIRE(found.has_value() == charset.has_value());
    if (found) CHECK(*found == *charset);
  }
}

}  // namespace
}  // namespace geocrawl
