#include "parsers/page_analysis.hpp"

#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "parsers/shipped_lexicon.hpp"
#include "tests/support/legacy_encoding.hpp"

namespace geocrawl {

namespace {

const page_analyzer& analyzer() {
  static const page_analyzer shared(load_shipped_lexicon());
  return shared;
}

bool has_drug(const page_analysis& analysis, std::string_view drug) {
  return std::any_of(analysis.found.drugs.begin(), analysis.found.drugs.end(),
                     [&](const drug_hit& hit) { return hit.drug == drug; });
}

bool has_signal(const page_analysis& analysis, std::string_view signal) {
  return std::find(analysis.found.signals.begin(), analysis.found.signals.end(), signal) !=
         analysis.found.signals.end();
}

constexpr std::string_view japanese_shop = R"(<html lang="ja"><head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>バイアグラ通販｜処方箋不要</title></head><body>
<div class="item"><img src="v.png" alt="シアリス 20mg"><p>バイアグラ 100mg ￥4,980</p>
<p>処方箋不要・国内発送・カートに入れる</p></div><script>var x = "タダラフィル";</script>
</body></html>)";

}  // namespace

TEST_CASE("a Shift_JIS shop page: charset from meta, drugs, no-prescription language") {
  const auto body = testing::encode_as(japanese_shop, "windows-31j");
  const auto analysis = analyzer().analyze(body, "text/html", "https://shop.example/");
  CHECK(analysis.charset == "shift_jis");
  CHECK(analysis.charset_source == "meta");
  CHECK(analysis.page.title == "バイアグラ通販｜処方箋不要");
  CHECK(analysis.page.lang == "ja");
  CHECK(has_drug(analysis, "sildenafil"));
  CHECK(has_drug(
      analysis,
      "tadalafil"));  // シアリス in the image's alt text; the script's タダラフィル is not text
  CHECK(analysis.found.no_rx);
  CHECK_FALSE(analysis.found.no_rx_phrases.empty());
}

TEST_CASE("EUC-JP with half-width katakana is normalised before matching") {
  const std::string page = "<html><body><p>ﾊﾞｲｱｸﾞﾗ ｼﾞｪﾈﾘｯｸ 処方せん不要 激安通販</p><p>" +
                           std::string(200, ' ') +
                           "お問い合わせはこちら。送料無料でお届けします。</p></body></html>";
  const auto analysis =
      analyzer().analyze(testing::encode_as(page, "EUC-JP"), "", "https://shop.example/");
  CHECK(analysis.charset == "euc-jp");
  CHECK(analysis.charset_source == "detector");
  CHECK(has_drug(analysis, "sildenafil"));
  CHECK(analysis.found.no_rx);
}

TEST_CASE("an under-construction page has a page state and no drugs") {
  const auto analysis = analyzer().analyze(
      "<html><head><title>工事中</title></head><body><p>ただいま工事中です。</p></body></html>",
      "text/html; charset=utf-8", "https://shop.example/");
  CHECK(analysis.found.drugs.empty());
  CHECK_FALSE(analysis.found.no_rx);
  CHECK(has_signal(analysis, "page_state_construction"));
}

TEST_CASE("only readable documents are analysed") {
  for (const char* type :
       {"text/html", "TEXT/HTML; charset=utf-8", "application/xhtml+xml", "text/plain", ""}) {
    CHECK(is_analysable(type));
  }
  for (const char* type :
       {"image/png", "application/pdf", "application/octet-stream", "text/css"}) {
    CHECK_FALSE(is_analysable(type));
  }
}

}  // namespace geocrawl

namespace geocrawl {

namespace {

std::string shop_kit(std::string_view product, std::string_view contact) {
  std::string html = R"(<html lang="ja"><head><title>)" + std::string(product) +
                     R"(</title><script>gtag('config','G-AB12CD34EF');</script></head><body>)";
  for (int i = 0; i < 12; ++i)
    html += R"(<div class="item"><p class="name">)" + std::string(product) + "</p></div>";
  html += "<p>" + std::string(contact) + R"(</p>
<form action="https://pay.rxgate.example/charge" method="post"><input name="card_number">
<button>購入する</button></form></body></html>)";
  return html;
}

bool has_identifier(const std::vector<page_identifier>& ids, identifier_kind kind,
                    std::string_view value = {}) {
  return std::any_of(ids.begin(), ids.end(), [&](const page_identifier& id) {
    return id.kind == kind && (value.empty() || id.value == value);
  });
}

}  // namespace

TEST_CASE("a shop's identifiers: tracking, contacts as written, checkout host, template") {
  const auto a = analyzer().analyze_document(
      shop_kit("バイアグラ 100mg", "TEL ０３－１２３４－５６７８ sales[at]rx.example"),
      "text/html");
  CHECK(has_identifier(a.identifiers, identifier_kind::ga4, "G-AB12CD34EF"));
  CHECK(has_identifier(a.identifiers, identifier_kind::phone, "0312345678"));
  CHECK(has_identifier(a.identifiers, identifier_kind::email, "sales@rx.example"));
  CHECK(has_identifier(a.identifiers, identifier_kind::payment_host, "pay.rxgate.example"));
  CHECK(has_identifier(a.identifiers, identifier_kind::template_fp));
  CHECK(std::is_sorted(a.identifiers.begin(), a.identifiers.end()));
  // The same kit selling something else with another contact: the same template.
  const auto b =
      analyzer().analyze_document(shop_kit("シアリス", "mail: info@other.example"), "text/html");
  const auto template_of = [](const document_analysis& analysis) {
    for (const auto& id : analysis.identifiers)
      if (id.kind == identifier_kind::template_fp) return id.value;
    return std::string();
  };
  CHECK(template_of(a) == template_of(b));
  // The identifiers are the same whatever URL the body is served under.
  CHECK(analyzer().analyze(shop_kit("x", ""), "text/html", "https://a.example/").identifiers ==
        analyzer().analyze(shop_kit("x", ""), "text/html", "https://b.example/").identifiers);
}

TEST_CASE("a page that sells nothing has no template identifier") {
  std::string html = "<body>";
  for (int i = 0; i < 40; ++i) html += "<div class=\"post\"><p>Travel notes</p></div>";
  const auto analysis = analyzer().analyze_document(html, "text/html");
  CHECK_FALSE(has_identifier(analysis.identifiers, identifier_kind::template_fp));
}

TEST_CASE("an analysis holds its text without the room it grew in") {
  // The crawl keeps analyses by their serialised size; text capacity left over from the
  // builder's doubling would be memory the budget does not see.
  std::string html = "<body>";
  for (int i = 0; i < 3000; ++i) html += "<p>word " + std::to_string(i) + "</p>";
  const auto analysis = analyzer().analyze_document(html, "text/html");
  REQUIRE(analysis.document.page.text.size() > 20000);
  CHECK(analysis.document.page.text.capacity() == analysis.document.page.text.size());
}

}  // namespace geocrawl
