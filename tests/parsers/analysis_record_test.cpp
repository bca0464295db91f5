#include "parsers/analysis_record.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parsers/shipped_lexicon.hpp"
#include "tests/support/legacy_encoding.hpp"

namespace geocrawl {

namespace {

const page_analyzer& analyzer() {
  static const page_analyzer shared(load_shipped_lexicon());
  return shared;
}

struct sample_page {
  std::string body;
  std::string content_type;
};

// Pages that exercise every field an analysis holds, URL-dependent ones above all: bases
// that do and do not resolve, canonicals, icons, refreshes, forms, script targets, every kind of
// link host, hostile nesting and text.
std::vector<sample_page> corpus() {
  std::vector<sample_page> pages;
  const auto html = [&](std::string body) { pages.push_back({std::move(body), "text/html"}); };
  html(R"html(<html lang="en"><head><title>Buy Viagra online</title>
<meta name="description" content="Cheap  cialis without prescription">
<link rel="canonical" href="/shop?a=1"><link rel="shortcut icon" href="fav.ico"></head><body>
<a href="/cart">cart</a><a href="https://pay.example/checkout">pay</a>
<a href="//cdn.example/x">cdn</a><a href="http:relative">odd</a><a href="mailto:x@y">m</a>
<a href="https://shop.example/self">self</a><a href="HTTP://Pay.Example:443/other">pay2</a>
<form action="/order/confirm" method="post"><input name="qty"></form>
<form><input type="submit" value="Add to cart"></form>
<form action="javascript:void(0)"><button>Buy now</button></form>
<img alt="viagra 100mg" src="v.png"><p>Free shipping. No prescription needed.</p>
</body></html>)html");
  html(R"html(<html><head><base href="https://elsewhere.example/dir/">
<meta http-equiv="refresh" content="3; url=next.html">
<link rel="apple-touch-icon" href="touch.png"><link rel="icon" href="javascript:x"></head><body>
<a href="page">relative to the base</a><a href="https://x.example">x</a>
<script>location.href = "../landing"; window.location = computed;</script>
<div onclick="location.replace('go')">go</div></body></html>)html");
  html(R"(<html><head><link rel="canonical" href="  "><link rel="canonical" href="/second">
<base href="http://[::1"><base href="/later/"></head><body><a href="rel">r</a>
<a href="\\evil.example\path">backslashes</a><a href="ftp://files.example/">ftp</a>
<form action="  "><input name="card_number"></form></body></html>)");
  html("<meta http-equiv=refresh content=\"0\"><p>Parked: this domain is for sale</p>");
  html(R"html(<html lang="ja"><body><script>gtag('config', 'G-AB12CD34EF'); ym(12345678, "init");
</script><p>sales [at] shop [dot] example 03-1234-5678 +1 (202) 555-0143</p>
<a href="https://line.me/R/ti/p/@rxshop">LINE</a><a href="https://wa.me/819012345678">wa</a>
<form action="https://pay.gateway.example/charge"><input name="card_number"></form></body></html>)html");
  html(std::string(2000, '<') + "div>" + std::string(3000, 'x'));
  std::string many_links = "<body>";
  for (int i = 0; i < 1100; ++i) {
    many_links += "<a href=\"https://h" + std::to_string(i) + ".example/\">l</a>";
  }
  html(many_links);
  std::string deep = "<body>";
  for (int i = 0; i < 700; ++i) deep += "<div>";
  html(deep + "<a href=\"https://deep.example/\">deep</a>バイアグラ");
  pages.push_back(
      {testing::encode_as("<html><head><meta charset=\"shift_jis\"><title>バイアグラ通販</title>"
                          "</head><body><p>処方箋不要 シアリス</p><a href=\"/cart\">カート</a>",
                          "windows-31j"),
       "text/html"});
  pages.push_back({"Buy cialis https://shop.example/ without prescription", "text/plain"});
  pages.push_back({"", "text/html; charset=utf-8"});
  return pages;
}

const std::vector<std::string> urls = {
    "https://shop.example/index.html", "http://pay.example/deep/path/?q=1",
    "https://xn--bcher-kva.example/",
    "",  // no URL at all: references stay unresolved as before
};

}  // namespace

TEST_CASE("a record read back resolves to the fresh analysis, field for field, for every URL") {
  for (const auto& page : corpus()) {
    const auto document = analyzer().analyze_document(page.body, page.content_type);
    const auto record = serialize_analysis(document);
    const auto read = deserialize_analysis(record);
    REQUIRE(read.has_value());
    CHECK(*read == document);
    for (const auto& url : urls) {
      CAPTURE(url);
      CAPTURE(page.body.substr(0, 80));
      CHECK(resolve_analysis(*read, url) == analyzer().analyze(page.body, page.content_type, url));
    }
  }
}

TEST_CASE("one document resolves against each URL it is served under") {
  const std::string body = R"(<base href="sub/"><a href="https://pay.example/">p</a>
<a href="x">x</a><meta http-equiv=refresh content="0;url=/go"><form action="buy"></form>
<script>location.href = "/t";</script>)";
  const auto document = analyzer().analyze_document(body, "text/html");
  const auto a = resolve_analysis(document, "https://a.example/one/");
  const auto pay = resolve_analysis(document, "https://pay.example/");
  CHECK(a.page.external_hosts == std::vector<std::string>{"pay.example"});
  CHECK(pay.page.external_hosts == std::vector<std::string>{});
  REQUIRE(a.page.refresh.has_value());
  CHECK(a.page.refresh->url == "https://a.example/go");
  CHECK(pay.page.refresh->url == "https://pay.example/go");
  CHECK(a.page.forms.at(0).action == "https://a.example/one/sub/buy");
  CHECK(a.page.script_redirects.at(0).target == "https://a.example/t");
}

TEST_CASE("a damaged record is refused, never trusted") {
  const auto record =
      serialize_analysis(analyzer().analyze_document(corpus().front().body, "text/html"));
  for (std::size_t size = 0; size < record.size(); ++size) {
    CAPTURE(size);
    CHECK_FALSE(deserialize_analysis(std::string_view(record).substr(0, size)).has_value());
  }
  CHECK_FALSE(deserialize_analysis(record + '\0').has_value());
  auto other_layout = record;
  other_layout[0] = 1;  // the layout before identifiers were kept
  CHECK_FALSE(deserialize_analysis(other_layout).has_value());
}

TEST_CASE("the analyser's version names the lexicon's contents") {
  const page_analyzer same(load_shipped_lexicon());
  CHECK(same.version() == analyzer().version());
  auto changed = load_shipped_lexicon();
  REQUIRE_FALSE(changed.drugs.empty());
  changed.drugs.front().category += "_changed";
  CHECK(page_analyzer(changed).version() != analyzer().version());
  auto fewer = load_shipped_lexicon();
  fewer.phrases.pop_back();
  CHECK(page_analyzer(fewer).version() != analyzer().version());
}

}  // namespace geocrawl
