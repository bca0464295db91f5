#include "parsers/tracking_ids.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace geocrawl {
namespace {

std::vector<page_identifier> ids_in(std::string_view code) {
  identifier_collector out;
  find_tracking_ids(code, out);
  return out.take();
}

struct tracking_case {
  std::string_view code;
  identifier_kind kind;
  std::string_view value;
};

}  // namespace

TEST_CASE("each vendor's snippet names its account") {
  const tracking_case cases[] = {
      {"ga('create', 'UA-12345678-1', 'auto');", identifier_kind::ga_ua, "UA-12345678-1"},
      {"<script src=\"https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF\">",
       identifier_kind::ga4, "G-AB12CD34EF"},
      {"gtag('config', 'G-XXXXXXXXXX');", identifier_kind::ga4, "G-XXXXXXXXXX"},
      {"(window,document,'script','dataLayer','GTM-K9QZ7P');", identifier_kind::gtm, "GTM-K9QZ7P"},
      {"https://www.googletagmanager.com/ns.html?id=GTM-ABCD123", identifier_kind::gtm,
       "GTM-ABCD123"},
      {"data-ad-client=\"ca-pub-1234567890123456\"", identifier_kind::adsense,
       "ca-pub-1234567890123456"},
      {"ym(87654321, \"init\", {clickmap:true});", identifier_kind::yandex_metrica, "87654321"},
      {"var yaCounter44556677 = new Ya.Metrika", identifier_kind::yandex_metrica, "44556677"},
      {"https://mc.yandex.ru/watch/11223344", identifier_kind::yandex_metrica, "11223344"},
      {"fbq('init', '123456789012345');", identifier_kind::meta_pixel, "123456789012345"},
      {"fbq( \"init\" , \"998877665544332\" )", identifier_kind::meta_pixel, "998877665544332"},
      {"https://www.facebook.com/tr?id=555666777888999&ev=PageView", identifier_kind::meta_pixel,
       "555666777888999"},
  };
  for (const auto& example : cases) {
    CAPTURE(example.code);
    const auto found = ids_in(example.code);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == example.kind);
    CHECK(found[0].value == example.value);
  }
}

TEST_CASE("IDs inside inline JSON configuration") {
  const auto found = ids_in(
      R"({"tracking":{"gaId":"UA-99887766-2","gtm":"GTM-WXYZ99"},"facebook_pixel_id":"112233445566778",)"
      R"("yandex_metrika": 55667788})");
  const std::vector<page_identifier> expected = {
      {identifier_kind::ga_ua, "UA-99887766-2"},
      {identifier_kind::gtm, "GTM-WXYZ99"},
      {identifier_kind::yandex_metrica, "55667788"},
      {identifier_kind::meta_pixel, "112233445566778"},
  };
  CHECK(found == expected);
}

TEST_CASE("look-alikes that are no account are left") {
  for (const std::string_view code :
       {"UA-1", "BUA-12345678-1", "UA-12345678", "G-SHORT", "xG-AB12CD34EF", "GTM-AB", "ca-pub-123",
        "ym(12, 'init')", "fbq('track', '123456789012345')", "myCounter12345678",
        "G-AB12CD34EFGHIJ"}) {
    CAPTURE(code);
    CHECK(ids_in(code).empty());
  }
}

TEST_CASE("the same account twice is one identifier") {
  CHECK(ids_in("gtag('config','G-AB12CD34EF'); gtag('config','G-AB12CD34EF');").size() == 1);
}

}  // namespace geocrawl
