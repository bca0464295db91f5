#include "crawler/verdict/compare.hpp"

#include <doctest/doctest.h>

#include "proxies/dial_error.hpp"

namespace geocrawl {

namespace {

constexpr std::string_view shop_text =
    "Online pharmacy. Viagra 100mg, Cialis 20mg. Order today, shipped worldwide in discreet "
    "packaging. "
    "Customer reviews: fast delivery, genuine products, secure payment by card. Bestsellers this "
    "week. "
    "About us: licensed partners, quality guaranteed, 24/7 support in English and Japanese.";
constexpr std::string_view news_text =
    "City council approves the new library budget after a long debate about opening hours and "
    "staff. "
    "The mayor said the decision reflects what residents asked for during last spring's "
    "consultation. "
    "Construction on the east wing begins in March and should finish before the school year "
    "starts.";

view page(std::string vantage, std::string url, std::string_view text,
          std::vector<std::string> drugs = {}, bool no_rx = false,
          std::vector<std::string> signals = {}) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = url;
  record.final_url = std::move(url);
  record.status = 200;
  page_analysis analysis;
  analysis.page.title = "Page";
  analysis.page.text = std::string(text);
  for (auto& drug : drugs) analysis.found.drugs.push_back({drug, drug, "erectile_dysfunction", 1});
  analysis.found.no_rx = no_rx;
  analysis.found.signals = std::move(signals);
  record.analysis = std::move(analysis);
  return record;
}

view shop(std::string vantage, std::string_view text = shop_text) {
  return page(std::move(vantage), "http://site.example/", text, {"sildenafil", "tadalafil"}, true,
              {"commerce_cart"});
}

view construction(std::string vantage) {
  return page(std::move(vantage), "http://site.example/", "工事中 ただいまサイトは工事中です", {},
              false, {"page_state_construction"});
}

view failed(std::string vantage, dial_errc code) {
  view record;
  record.vantage = std::move(vantage);
  record.error = view_error{make_error_code(code), "it failed"};
  return record;
}

view with_status(view record, int status) {
  record.status = status;
  return record;
}

// A view through a verified proxy exiting in `country`.
view through(view record, std::string country) {
  record.proxy = record.vantage + "-1";
  record.exit_ip = "198.51.100.7";
  record.exit_country = std::move(country);
  return record;
}

// A direct view whose exit was verified in `country`.
view exiting(view record, std::string country) {
  record.exit_ip = "203.0.113.9";
  record.exit_country = std::move(country);
  return record;
}

// A direct view whose exit could not be verified.
view unverified(view record) {
  record.exit_unverified = "no [verify] echo_url is configured";
  return record;
}

comparison only(const site_comparison& site) {
  REQUIRE(site.comparisons.size() == 1);
  return site.comparisons[0];
}

}  // namespace

TEST_CASE(
    "a shop for one country and an under-construction page for the other is cloaked, with the "
    "reason") {
  const auto site = compare_site({construction("default"), shop("jp")}, 0, nullptr);
  CHECK(site.verdict == cloaking_verdict::cloaked);
  const auto pair = only(site);
  CHECK(pair.vantage == "jp");
  CHECK(pair.baseline == "default");
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  REQUIRE(pair.score);
  CHECK(*pair.score >= 0.9);
  REQUIRE_FALSE(pair.reasons.empty());
  CHECK(pair.reasons[0] ==
        "jp sees a shop offering sildenafil and tadalafil without prescription; default sees an "
        "under-construction page");
}

TEST_CASE("the same offer, localised, is consistent") {
  const auto yen = std::string(shop_text) + " Price: 5,800 yen. 日本語のサポート。";
  const auto site = compare_site({shop("default"), shop("jp", yen)}, 0, nullptr);
  CHECK(site.verdict == cloaking_verdict::consistent);
  const auto japanese = compare_site(
      {shop("default"),
       shop("jp",
            "オンライン薬局。バイアグラ100mg、シアリス20mg。今すぐ注文、世界中に発送します。")},
      0, nullptr);
  CHECK(only(japanese).verdict == cloaking_verdict::consistent);
  CHECK(only(japanese).reasons[0].find("localisation") != std::string::npos);
}

TEST_CASE("per-request noise is consistent") {
  const auto stamped =
      std::string(news_text) + " Updated 2026-11-27 21:04:59. Token 8f3a9c0d2e1b4a7f.";
  const auto restamped =
      std::string(news_text) + " Updated 2026-11-27 21:05:03. Token 1b2c3d4e5f60718a.";
  const auto site = compare_site({page("default", "http://news.example/", stamped),
                                  page("jp", "http://news.example/", restamped)},
                                 0, nullptr);
  CHECK(site.verdict == cloaking_verdict::consistent);
}

TEST_CASE(
    "access: refused for one and a shop for the other is cloaked, a 5xx beside a plain page is "
    "not") {
  const auto blocked = only(compare_site(
      {with_status(page("default", "http://site.example/", "Forbidden"), 403), shop("jp")}, 0,
      nullptr));
  CHECK(blocked.verdict == cloaking_verdict::cloaked);
  CHECK(blocked.reasons[0] ==
        "default is refused (HTTP 403); jp sees a shop offering sildenafil and tadalafil without "
        "prescription");

  const auto flaky = only(
      compare_site({page("default", "http://news.example/", news_text),
                    with_status(page("jp", "http://news.example/", "Service Unavailable"), 503)},
                   0, nullptr));
  CHECK(flaky.verdict == cloaking_verdict::inconclusive);
  CHECK(flaky.reasons[0] ==
        "jp gets a server error (HTTP 503); default sees a page without drug names");
}

TEST_CASE(
    "being sent elsewhere is cloaked: another final host, or a script redirect to another origin") {
  auto sent = shop("jp");
  sent.final_url = "https://pills.example/shop";
  const auto moved = only(compare_site({shop("default"), sent}, 0, nullptr));
  CHECK(moved.verdict == cloaking_verdict::cloaked);
  CHECK(moved.reasons[0] == "jp is sent to pills.example; default to site.example");

  auto scripted = page("jp", "http://site.example/", news_text);
  scripted.analysis->page.script_redirects.push_back({"location.href", "https://pills.example/"});
  const auto script = only(
      compare_site({page("default", "http://site.example/", news_text), scripted}, 0, nullptr));
  CHECK(script.verdict == cloaking_verdict::cloaked);
  CHECK(script.reasons[0] ==
        "jp's page carries a script redirect to pills.example; default's does not");

  auto same_site = page("jp", "http://site.example/", news_text);
  same_site.analysis->page.script_redirects.push_back(
      {"location.href", "http://www.site.example/en/"});
  CHECK(only(compare_site({page("default", "http://site.example/", news_text), same_site}, 0,
                          nullptr))
            .verdict == cloaking_verdict::consistent);
}

TEST_CASE("a site is its registrable domain: www. and other subdomains are the same site") {
  auto bare = page("jp", "http://www.shop.example/", news_text);
  bare.final_url = "http://shop.example/";
  const auto same = only(
      compare_site({page("default", "http://www.shop.example/", news_text), bare}, 0, nullptr));
  CHECK(same.verdict == cloaking_verdict::consistent);

  auto sibling = page("jp", "http://shop.example.co.jp/", news_text);
  sibling.final_url = "http://pills.co.jp/";
  const auto moved = only(compare_site(
      {page("default", "http://shop.example.co.jp/", news_text), sibling}, 0, nullptr));
  CHECK(moved.verdict == cloaking_verdict::cloaked);
  CHECK(moved.reasons[0] == "jp is sent to pills.co.jp; default to example.co.jp");
}

TEST_CASE("another port is another site") {
  auto elsewhere = page("jp", "http://127.0.0.1:8081/", news_text);
  elsewhere.analysis->page.script_redirects.push_back(
      {"location.replace", "http://127.0.0.1:9090/shop"});
  const auto pair = only(
      compare_site({page("default", "http://127.0.0.1:8081/", news_text), elsewhere}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  CHECK(pair.reasons[0] ==
        "jp's page carries a script redirect to 127.0.0.1:9090; default's does not");
}

TEST_CASE("a clinic naming drugs for one and a no-prescription shop for the other is cloaked") {
  const auto clinic =
      page("default", "http://site.example/", news_text, {"sildenafil", "tadalafil"});
  const auto site = compare_site({clinic, shop("jp")}, 0, nullptr);
  CHECK(only(site).verdict == cloaking_verdict::cloaked);
  CHECK(only(site).reasons[0] == "jp is told no prescription is needed; default is not");
  // The same page with a no-prescription banner that comes and goes is not enough.
  const auto banner =
      page("jp", "http://site.example/", news_text, {"sildenafil", "tadalafil"}, true);
  CHECK(only(compare_site({clinic, banner}, 0, nullptr)).verdict == cloaking_verdict::inconclusive);
}

TEST_CASE("failures: one side is inconclusive, both sides unreachable") {
  const auto one =
      only(compare_site({shop("default"), failed("jp", dial_errc::timeout)}, 0, nullptr));
  CHECK(one.verdict == cloaking_verdict::inconclusive);
  CHECK(one.reasons[0] ==
        "jp failed: timed out while connecting (it failed); default sees a shop offering "
        "sildenafil and tadalafil without prescription");
  const auto both = compare_site(
      {failed("default", dial_errc::connect), failed("jp", dial_errc::timeout)}, 0, nullptr);
  CHECK(both.verdict == cloaking_verdict::unreachable);
  CHECK(only(both).verdict == cloaking_verdict::unreachable);
  CHECK(only(both).reasons ==
        std::vector<std::string>{"default failed: connection could not be established (it failed)",
                                 "jp failed: timed out while connecting (it failed)"});
}

TEST_CASE("a comparison where a side failed has no score and no text measures") {
  for (const auto& views :
       {std::vector<view>{shop("default"), failed("jp", dial_errc::timeout)},
        std::vector<view>{failed("default", dial_errc::dns), shop("jp")},
        std::vector<view>{failed("default", dial_errc::dns), failed("jp", dial_errc::timeout)}}) {
    const auto pair = only(compare_site(views, 0, nullptr));
    CHECK_FALSE(pair.score);
    CHECK_FALSE(pair.text);
  }
  // A comparison of two pages always has one, nothing found included.
  const auto same = only(compare_site({shop("default"), shop("jp")}, 0, nullptr));
  REQUIRE(same.score);
  CHECK(*same.score == 0);
  REQUIRE(same.text);
  CHECK(same.text->similarity == 1);
  CHECK_FALSE(same.text->baseline_self_similarity);
}

TEST_CASE("reasons name what is offered in words, the numbers stay in the text measures") {
  const auto clinic = page("jp", "http://site.example/", news_text, {"sildenafil"});
  const auto parked = page("default", "http://site.example/", "This domain is parked", {}, false,
                           {"page_state_parked"});
  const auto naming = only(compare_site({parked, clinic}, 0, nullptr));
  CHECK(naming.reasons[0] == "jp sees a page naming sildenafil; default sees a parked page");

  auto many = shop("jp");
  many.analysis->found.drugs.clear();
  for (const auto* drug :
       {"atorvastatin", "finasteride", "modafinil", "sildenafil", "tadalafil", "tramadol"})
    many.analysis->found.drugs.push_back({drug, drug, "other", 1});
  CHECK(only(compare_site({parked, many}, 0, nullptr)).reasons[0] ==
        "jp sees a shop offering atorvastatin, finasteride, modafinil, sildenafil and other drugs "
        "without prescription; default sees a parked page");

  const auto base = page("default", "http://site.example/", news_text);
  const auto other = page("jp", "http://site.example/",
                          "Weather: sunny spells, light wind from the north-west, "
                          "a chance of showers later in the evening over the hills.");
  const auto control = page("default", "http://site.example/", news_text);
  const auto text = only(compare_site({base, other}, 0, &control));
  // The second reason says what two direct views compare: profiles, not countries.
  REQUIRE(text.reasons.size() == 2);
  CHECK(text.reasons[1].starts_with("jp and default both fetch directly from this machine"));
  CHECK(text.reasons[0] ==
        "jp's page text differs from default's by more than default's own page changes from one "
        "fetch to the next");
  REQUIRE(text.text);
  CHECK(text.text->similarity < 0.5);
  CHECK(text.text->baseline_self_similarity == 1.0);
  for (const auto& reason : text.reasons)
    CHECK(reason.find_first_of("0123456789") == std::string::npos);
}

TEST_CASE(
    "different text without a different offer: the control decides whether it is the site's own "
    "noise") {
  const auto base = page("default", "http://site.example/", news_text);
  const auto other = page("jp", "http://site.example/",
                          "Weather: sunny spells, light wind from the north-west, "
                          "a chance of showers later in the evening over the hills.");
  CHECK(only(compare_site({base, other}, 0, nullptr)).verdict == cloaking_verdict::inconclusive);
  const auto stable_control = page("default", "http://site.example/", news_text);
  CHECK(only(compare_site({base, other}, 0, &stable_control)).verdict ==
        cloaking_verdict::inconclusive);
  // The baseline itself changes that much between two requests: rotating content.
  const auto rotating_control = page("default", "http://site.example/",
                                     "Sports: the home team won three to one "
                                     "after a late goal in the final minutes.");
  CHECK(only(compare_site({base, other}, 0, &rotating_control)).verdict ==
        cloaking_verdict::consistent);
}

TEST_CASE(
    "the site verdict: cloaked if any, consistent if all, and nothing to compare for one view") {
  const auto mixed =
      compare_site({construction("default"), shop("jp"), construction("googlebot")}, 0, nullptr);
  CHECK(mixed.verdict == cloaking_verdict::cloaked);
  REQUIRE(mixed.comparisons.size() == 2);
  CHECK(mixed.comparisons[1].verdict == cloaking_verdict::consistent);
  CHECK(compare_site({shop("default"), failed("jp", dial_errc::timeout), shop("googlebot")}, 0,
                     nullptr)
            .verdict == cloaking_verdict::inconclusive);
  CHECK_FALSE(compare_site({shop("default")}, 0, nullptr).verdict);
  CHECK(compare_site({shop("jp"), construction("default")}, 1, nullptr).comparisons[0].baseline ==
        "default");
}

TEST_CASE("a country vantage exiting in the baseline's country is inconclusive, never cloaked") {
  // An analyst in Tokyo: the direct baseline exits in JP, as does the jp proxy.
  const auto site =
      compare_site({exiting(construction("default"), "JP"), through(shop("jp"), "JP")}, 0, nullptr);
  CHECK(site.verdict == cloaking_verdict::inconclusive);
  const auto pair = only(site);
  CHECK(pair.verdict == cloaking_verdict::inconclusive);
  CHECK_FALSE(pair.score);
  REQUIRE(pair.reasons.size() >= 2);
  CHECK(pair.reasons[0] ==
        "jp exits in JP, as default does: the comparison cannot test geography, so it is "
        "inconclusive");
  // The difference is kept for the analyst.
  CHECK(pair.reasons[1].starts_with("jp sees a shop"));
}

TEST_CASE("a country vantage exiting in the baseline's country is not consistent either") {
  const auto pair =
      only(compare_site({exiting(shop("default"), "JP"), through(shop("jp"), "JP")}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::inconclusive);
  CHECK(pair.reasons[0].starts_with("jp exits in JP, as default does"));
}

TEST_CASE("exits verified in two countries give the normal verdict") {
  const auto pair = only(compare_site(
      {exiting(construction("default"), "US"), through(shop("jp"), "JP")}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  REQUIRE(pair.score);
  for (const auto& reason : pair.reasons) CHECK(reason.find("exit") == std::string::npos);
  const auto same =
      only(compare_site({through(shop("default"), "US"), through(shop("jp"), "JP")}, 0, nullptr));
  CHECK(same.verdict == cloaking_verdict::consistent);
}

TEST_CASE("an unverified baseline is compared, and the reason says its country is unknown") {
  const auto pair = only(
      compare_site({unverified(construction("default")), through(shop("jp"), "JP")}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  CHECK(pair.reasons.back() ==
        "default's exit country is unknown (no [verify] echo_url is configured); jp exits in JP");
}

TEST_CASE("two direct vantages compare profiles: a difference is still cloaking, by profile") {
  const auto cloaked = only(compare_site(
      {exiting(construction("default"), "JP"), exiting(shop("ja-search"), "JP")}, 0, nullptr));
  CHECK(cloaked.verdict == cloaking_verdict::cloaked);
  CHECK(cloaked.reasons[0].starts_with("ja-search sees a shop"));
  CHECK(cloaked.reasons.back() ==
        "ja-search and default both fetch directly from this machine (exit in JP): this compares "
        "their request profiles (user agent, Accept-Language, Referer), not countries");

  const auto alike =
      only(compare_site({unverified(shop("default")), unverified(shop("ja-search"))}, 0, nullptr));
  CHECK(alike.verdict == cloaking_verdict::consistent);
  CHECK(alike.reasons.back() ==
        "ja-search and default both fetch directly from this machine: this compares their "
        "request profiles (user agent, Accept-Language, Referer), not countries");
}

TEST_CASE("a view whose exit moved while it was served makes its comparison inconclusive") {
  auto moved = through(shop("jp"), "JP");
  moved.exit_changed = true;
  const auto site = compare_site({exiting(construction("default"), "US"), moved}, 0, nullptr);
  CHECK(site.verdict == cloaking_verdict::inconclusive);
  const auto pair = only(site);
  CHECK(pair.verdict == cloaking_verdict::inconclusive);
  CHECK_FALSE(pair.score);
  REQUIRE(pair.reasons.size() >= 2);
  CHECK(pair.reasons[0].starts_with("jp's exit moved to another country while it was served"));
  CHECK(pair.reasons[1].starts_with("jp sees a shop"));
}

}  // namespace geocrawl
