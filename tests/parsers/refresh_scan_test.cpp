#include "parsers/refresh_scan.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {

TEST_CASE("the first meta refresh a browser would act on is found in raw markup") {
  struct example {
    std::string html;
    const char* url;  // nullptr: none found
    double delay = 0;
  };
  const example examples[] = {
      {R"(<meta http-equiv="refresh" content="0; url=/shop">)", "/shop"},
      {R"(<html><head><META HTTP-EQUIV=Refresh CONTENT='5;URL=http://pills.example/'></head>)",
       "http://pills.example/", 5},
      {R"(<meta content="1; url=/a" http-equiv="refresh">)", "/a", 1},
      {R"(<META HTTP-EQUIV="REFRESH" CONTENT="0;URL=/upper">)", "/upper"},
      {R"(<meta http-equiv="reFResH" content="0;url=/mixed">)", "/mixed"},
      // Many an 'f' and 'F' before the word, one right at the start.
      {R"(f<a href="/Fee">FAQ of offers</a><meta http-equiv=REfresh content="2;url=/after-fs">)",
       "/after-fs", 2},
      {R"(<meta http-equiv=" refresh " content="0;url='/q'">)", "/q"},
      {R"(<meta http-equiv="refresh" content="30">)", "", 30},  // refresh in place
      {R"(<meta http-equiv="refresh" content="x; url=/bad"><meta http-equiv="refresh" content="0;url=/good">)",
       "/good"},
      {R"(<!-- <meta http-equiv="refresh" content="0;url=/hidden"> -->)", nullptr},
      {R"(<script>document.write('<meta http-equiv="refresh" content="0;url=/js">')</script>)",
       nullptr},
      {R"(<title><meta http-equiv="refresh" content="0;url=/title"></title>)", nullptr},
      {R"(<textarea><meta http-equiv="refresh" content="0;url=/t"></textarea><meta http-equiv="refresh" content="0;url=/after">)",
       "/after"},
      {R"(<meta name="refresh" content="0;url=/name">)", nullptr},
      {R"(<p title='<meta http-equiv="refresh" content="0;url=/attr">'>x</p>)", nullptr},
      {R"(<meta http-equiv="refresh" content="0;url=/unfinished")", nullptr},
      {"", nullptr},
  };
  for (const auto& [html, url, delay] : examples) {
    CAPTURE_BINDING(html);
    const auto found = find_meta_refresh(html);
    if (url == nullptr) {
      CHECK_FALSE(found);
    } else {
      REQUIRE(found);
      CHECK(found->url == url);
      CHECK(found->delay_seconds == delay);
    }
  }
}

TEST_CASE("the scan stops at its byte bound") {
  const std::string late =
      std::string(300 * 1024, ' ') + R"(<meta http-equiv="refresh" content="0;url=/late">)";
  CHECK_FALSE(find_meta_refresh(late));
  CHECK(find_meta_refresh(late, late.size()));

  // The bound cuts the word itself: the tag is not whole within it, so it is not a refresh.
  const std::string cut = R"(<meta http-equiv="refresh" content="0;url=/cut">)";
  const auto word_end = cut.find("refresh") + 7;
  CHECK_FALSE(find_meta_refresh(cut, word_end - 2));
  CHECK(find_meta_refresh(cut, cut.size()));
}

TEST_CASE("a page that never spells the word has no refresh, however it is marked up") {
  // "refresh" only in words around it, or split by markup, is not a refresh.
  CHECK_FALSE(find_meta_refresh(R"(<p>Refreshing offers, re<b>fresh</b> stock</p>)"));
  CHECK_FALSE(find_meta_refresh(R"(<meta http-equiv="re fresh" content="0;url=/gap">)"));
  // A known gap (README): the scan reads attribute values as written, where a browser decodes
  // character references first. The word check relies on it; decoding them would change both.
  CHECK_FALSE(find_meta_refresh(R"(<meta http-equiv="&#114;efresh" content="0;url=/ref">)"));
}

}  // namespace geocrawl
