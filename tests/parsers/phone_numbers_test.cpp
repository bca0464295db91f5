#include "parsers/phone_numbers.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parsers/text_normalizer.hpp"

namespace geocrawl {
namespace {

std::vector<std::string> phones_in(std::string_view text) {
  identifier_collector out;
  find_phone_numbers(normalize_text(text), out);
  std::vector<std::string> values;
  for (auto& id : out.take()) values.push_back(id.value);
  return values;
}

}  // namespace

TEST_CASE("a national number in any script's digits and dashes reads the same") {
  for (const std::string_view written :
       {"TEL 03-1234-5678", "TEL ０３－１２３４－５６７８", "TEL 03 1234 5678", "TEL (03)1234.5678",
        "TEL 03‐1234‐5678", "TEL 03ー1234ー5678", "TEL：０３ー１２３４ー５６７８",
        "03/1234/5678"}) {
    CAPTURE(written);
    CHECK(phones_in(written) == std::vector<std::string>{"0312345678"});
  }
}

TEST_CASE("an international number keeps its country, less a bracketed trunk 0") {
  CHECK(phones_in("call +81 3-1234-5678") == std::vector<std::string>{"+81312345678"});
  CHECK(phones_in("call +81 (0)3 1234 5678") == std::vector<std::string>{"+81312345678"});
  CHECK(phones_in("call ＋８１ ９０ １２３４ ５６７８") ==
        std::vector<std::string>{"+819012345678"});
  CHECK(phones_in("+1 (202) 555-0143") == std::vector<std::string>{"+12025550143"});
}

TEST_CASE("a North American number grouped 3-3-4") {
  CHECK(phones_in("Call (202) 555-0143 today") == std::vector<std::string>{"2025550143"});
  CHECK(phones_in("202-555-0143") == std::vector<std::string>{"2025550143"});
}

TEST_CASE("prices, dates, order numbers and arithmetic are no phone") {
  for (const std::string_view text :
       {"￥4,980", "2024-01-15", "order 0312345678", "1 - 2 - 3", "sku 12-3456-7890-12",
        "abc03-1234-5678", "+12", "price 100.000.000", "ISBN 978-4-00-000000-0"}) {
    CAPTURE(text);
    CHECK(phones_in(text).empty());
  }
}

TEST_CASE("tel: links, extensions cut") {
  CHECK(phone_from_tel("+81-3-1234-5678") == "+81312345678");
  CHECK(phone_from_tel("0120-000-111;ext=2") == "0120000111");
  CHECK_FALSE(phone_from_tel("12345"));
  CHECK_FALSE(phone_from_tel("1234567890123456"));
}

TEST_CASE("national numbers become E.164 once the country is known") {
  CHECK(to_e164("0312345678", "JP") == "+81312345678");
  CHECK(to_e164("02079460000", "GB") == "+442079460000");
  CHECK(to_e164("0612345678", "IT") == "+390612345678");  // Italy dials its 0 from abroad
  CHECK(to_e164("2025550143", "US") == "+12025550143");
  CHECK(to_e164("+81312345678", "US") == "+81312345678");
  CHECK(to_e164("0312345678", "") == "0312345678");
  CHECK(to_e164("0312345678", "ZZ") == "0312345678");
}

TEST_CASE("the page's language decides before the view's country") {
  CHECK(phone_country("ja", "US") == "JP");
  CHECK(phone_country("en-GB", "JP") == "GB");
  CHECK(phone_country("en_us", "") == "US");
  CHECK(phone_country("en", "DE") == "DE");
  CHECK(phone_country("", "") == "");
  CHECK(phone_country("zh-Hant-TW", "HK") == "HK");  // a script subtag: no region read here
}

}  // namespace geocrawl
