#include "parsers/charset/meta_prescan.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

using namespace std::string_literals;

TEST_CASE("prescan_meta_charset follows the HTML Standard's prescan") {
  struct prescan_case {
    std::string bytes;
    std::optional<std::string_view> charset;
  };
  const std::string padding(990, ' ');
  const prescan_case cases[] = {
      {"<meta charset=\"shift_jis\">", "shift_jis"},
      {"<meta charset='euc-jp'>", "euc-jp"},
      {"<meta charset=gb2312>", "gbk"},
      {"<META CHARSET=UTF-8>", "utf-8"},
      {"<meta charset = \"euc-kr\" >", "euc-kr"},
      {"<meta/charset=iso-8859-2>", "iso-8859-2"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">", "shift_jis"},
      {"<meta content=\"text/html; charset=euc-jp\" http-equiv=\"content-type\">", "euc-jp"},
      {"<meta http-equiv=content-type content='text/html;charset=\"big5\"'>", "big5"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html\" charset=\"windows-1251\">",
       "windows-1251"},
      // content= without the http-equiv pragma declares nothing.
      {"<meta content=\"text/html; charset=euc-jp\">", std::nullopt},
      {"<meta http-equiv=\"refresh\" content=\"0; charset=euc-jp\">", std::nullopt},
      // Comments, other tags and their quoted attributes are skipped.
      {"<!-- <meta charset=\"euc-jp\"> --><meta charset=\"shift_jis\">", "shift_jis"},
      {"<!--><meta charset=\"euc-kr\">", "euc-kr"},
      {"<!-- never closed <meta charset=\"euc-kr\">", std::nullopt},
      {"<div title=\"<meta charset=euc-jp>\"><meta charset=big5>", "big5"},
      {"<!DOCTYPE html><?php x ?></p><meta charset=koi8-r>", "koi8-r"},
      {"<metacharset=utf-8>", std::nullopt},
      // The prescan knows nothing of scripts; neither do browsers.
      {"<script>var s = \"<meta charset=euc-jp>\";</script>", "euc-jp"},
      // An unknown label is skipped, a repeated attribute ignored.
      {"<meta charset=\"bogus\"><meta charset=\"koi8-r\">", "koi8-r"},
      {"<meta charset=\"koi8-r\" charset=\"bogus\">", "koi8-r"},
      {"<meta charset=\"bogus\" charset=\"koi8-r\">", std::nullopt},
      // Mapped as the standard says.
      {"<meta charset=\"utf-16\">", "utf-8"},
      {"<meta charset=\"UTF-16BE\">", "utf-8"},
      {"<meta charset=\"x-user-defined\">", "windows-1252"},
      // The first 1024 bytes only; running out of bytes inside a tag abandons it.
      {padding + "<meta charset=\"sjis\">", "shift_jis"},
      {padding + "<meta charset=\"sjis\">" + std::string(100, ' '), "shift_jis"},
      {padding + "<p>" + std::string(20, '.') + "<meta charset=\"sjis\">", std::nullopt},
      {std::string(1100, ' ') + "<meta charset=\"sjis\">", std::nullopt},
      {"<meta charset=\"shift_jis\"", std::nullopt},
      // The XML declaration is the fallback, UTF-16 ones are recognised by their bytes.
      {"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><html>", "shift_jis"},
      {"<?xml version=\"1.0\" encoding='utf-16'?><html>", "utf-8"},
      {"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><meta charset=\"euc-jp\">", "euc-jp"},
      {"<?xml version=\"1.0\"?><p>encoding=\"euc-jp\"</p>", std::nullopt},
      {"<\0?\0x\0m\0l\0"s, "utf-16le"},
      {"\0<\0?\0x\0m\0l"s, "utf-16be"},
      {"", std::nullopt},
  };
  for (const auto& [bytes, charset] : cases) {
    CAPTURE_BINDING(bytes);
    const auto found = prescan_meta_charset(bytes);
    REQUIRE(found.has_value() == charset.has_value());
    if (found) CHECK(*found == *charset);
  }
}

}  // namespace
}  // namespace geocrawl
