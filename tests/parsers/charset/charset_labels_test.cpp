#include "parsers/charset/charset_labels.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {
namespace {

TEST_CASE("canonical_charset maps WHATWG labels to the encodings decoded here") {
  struct label_case {
    std::string_view label;
    std::optional<std::string_view> canonical;
  };
  const label_case cases[] = {
      {"utf-8", "utf-8"},
      {"UTF8", "utf-8"},
      {" unicode-1-1-utf-8\t", "utf-8"},
      {"latin1", "windows-1252"},
      {"ISO-8859-1", "windows-1252"},
      {"ascii", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"iso-8859-11", "windows-874"},
      {"shift_jis", "shift_jis"},
      {"SJIS", "shift_jis"},
      {"x-sjis", "shift_jis"},
      {"windows-31j", "shift_jis"},
      {"ms932", "shift_jis"},
      {"x-euc-jp", "euc-jp"},
      {"iso-2022-jp", "iso-2022-jp"},
      {"gb2312", "gbk"},
      {"gbk", "gbk"},
      {"x-gbk", "gbk"},
      {"gb18030", "gb18030"},
      {"big5", "big5"},
      {"big5-hkscs", "big5"},
      {"ks_c_5601-1987", "euc-kr"},
      {"EUC-KR", "euc-kr"},
      {"windows-1250", "windows-1250"},
      {"\ncp1251 ", "windows-1251"},
      {"windows-1258", "windows-1258"},
      {"iso-8859-2", "iso-8859-2"},
      {"iso-8859-8-i", "iso-8859-8"},
      {"iso-8859-16", "iso-8859-16"},
      {"koi8-r", "koi8-r"},
      {"koi8-u", "koi8-u"},
      {"utf-16", "utf-16le"},
      {"ucs-2", "utf-16le"},
      {"UTF-16BE", "utf-16be"},
      // Unknown or not decoded here: the sniffing moves on to its next step.
      {"", std::nullopt},
      {"  ", std::nullopt},
      {"utf-7", std::nullopt},
      {"utf-32", std::nullopt},
      {"x-unknown", std::nullopt},
      {"iso-2022-kr", std::nullopt},  // the "replacement" encoding
      {"hz-gb-2312", std::nullopt},   // likewise
      {"x-user-defined", std::nullopt},
      {"latin 1", std::nullopt},
      {"euc-jp;", std::nullopt},
  };
  for (const auto& [label, canonical] : cases) {
    const std::string shown(label);
    CAPTURE(shown);
    const auto found = canonical_charset(label);
    REQUIRE(found.has_value() == canonical.has_value());
    if (found) CHECK(*found == *canonical);
  }
}

}  // namespace
}  // namespace geocrawl
