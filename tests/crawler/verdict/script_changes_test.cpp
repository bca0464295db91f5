// Client-side cloaking as pairs of rendered pages: each case of issue 19 (a script keyed on the
// language, the time zone, navigator.webdriver, a redirect computed with atob, content fetched
// after load, a shop injected by a timer) against the controls whose scripts build the same offer
// for everyone (a clock, a random banner, a cookie banner, a single-page app).
#include "crawler/verdict/compare.hpp"

#include <doctest/doctest.h>

#include "crawler/view/render_errc.hpp"
#include "crawler/view/view_errc.hpp"

namespace geocrawl {

namespace {

// What a page's analysis found, before or after its scripts ran.
struct offer {
  std::string text;
  std::vector<std::string> drugs;
  bool no_rx = false;
  std::vector<std::string> signals;
};

page_analysis analysed(const offer& shown) {
  page_analysis analysis;
  analysis.page.title = "Page";
  analysis.page.text = shown.text;
  for (const auto& drug : shown.drugs)
    analysis.found.drugs.push_back({drug, drug, "erectile_dysfunction", 1});
  analysis.found.no_rx = shown.no_rx;
  analysis.found.signals = shown.signals;
  return analysis;
}

const offer construction{
    "工事中 ただいまサイトは工事中です", {}, false, {"page_state_construction"}};
const offer pharmacy{"Online pharmacy. Viagra 100mg. No prescription needed. Add to cart.",
                     {"sildenafil"},
                     true,
                     {"commerce_cart"}};

render_emulation emulation_of(std::string vantage) {
  if (vantage == "jp") return {"Mozilla/5.0", "ja-JP,ja", "ja-JP", "Asia/Tokyo"};
  return {"Mozilla/5.0", "en-US,en", "en-US", "America/New_York"};
}

// A vantage served `served` at http://site.example/ whose browser showed `rendered` at
// `rendered_url`. jp exits through a proxy verified in JP, default directly from the US, so the
// pair tests geography and adds no reason about its exits.
view rendered_view(std::string vantage, const offer& served, const offer& rendered,
                   std::string rendered_url = "http://site.example/") {
  view record;
  record.vantage = vantage;
  if (vantage == "jp") record.proxy = "jp-1";
  record.exit_ip = vantage == "jp" ? "198.51.100.7" : "203.0.113.9";
  record.exit_country = vantage == "jp" ? "JP" : "US";
  record.requested_url = "http://site.example/";
  record.final_url = "http://site.example/";
  record.status = 200;
  record.analysis = analysed(served);
  auto& page = record.rendered.emplace();
  page.emulation = emulation_of(std::move(vantage));
  page.final_url = std::move(rendered_url);
  page.dom = "<html>" + rendered.text + "</html>";
  page.dom_sha256 = "not checked by the comparison";
  page.analysis = analysed(rendered);
  return record;
}

comparison only(const site_comparison& site) {
  REQUIRE(site.comparisons.size() == 1);
  return site.comparisons[0];
}

struct script_case {
  const char* name;
  offer jp_rendered;
  std::string jp_url;
  std::string reason;
};

}  // namespace

TEST_CASE("each script-cloaking case of issue 19 is cloaked, the reason naming the script") {
  const std::string replaced =
      "jp: a script replaced an under-construction page with a shop offering sildenafil without "
      "prescription; default still sees an under-construction page";
  // What jp's browser was shown where default's kept the under-construction page. The pages
  // differ in what keyed the script; the comparison sees only what each browser ended with.
  const std::vector<script_case> cases{
      {"navigator.language starts with ja", pharmacy, "http://site.example/", replaced},
      {"the time zone is Asia/Tokyo", pharmacy, "http://site.example/", replaced},
      {"navigator.webdriver is false (the browser hides automation, and the page keys on jp too)",
       pharmacy, "http://site.example/", replaced},
      {"content fetched with fetch() after load",
       {"Viagra 100mg in stock", {"sildenafil"}, false, {}},
       "http://site.example/",
       "jp: a script replaced an under-construction page with a page naming sildenafil; default "
       "still sees an under-construction page"},
      {"a shop injected after a timer", pharmacy, "http://site.example/", replaced},
      {"a redirect computed from atob(...)", construction, "https://www.shop.example/cart",
       "jp: a script navigated to shop.example; default stayed on site.example"},
  };
  for (const auto& each : cases) {
    CAPTURE(each.name);
    const auto site =
        compare_site({rendered_view("default", construction, construction),
                      rendered_view("jp", construction, each.jp_rendered, each.jp_url)},
                     0, nullptr);
    CHECK(site.verdict == cloaking_verdict::cloaked);
    const auto pair = only(site);
    CHECK(pair.verdict == cloaking_verdict::cloaked);
    REQUIRE(pair.score);
    CHECK(*pair.score >= 0.9);
    CHECK(pair.reasons == std::vector<std::string>{each.reason});
  }
}

TEST_CASE("a script on the baseline's side is named as the baseline's") {
  const auto pair = only(compare_site({rendered_view("default", construction, pharmacy),
                                       rendered_view("jp", construction, construction)},
                                      0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  CHECK(pair.reasons ==
        std::vector<std::string>{
            "default: a script replaced an under-construction page with a shop offering "
            "sildenafil without prescription; jp still sees an under-construction page"});
}

TEST_CASE("scripts that build the same offer for everyone are consistent") {
  const offer shell{"Loading…", {}, false, {}};
  struct control {
    const char* name;
    offer served;
    offer jp;
    offer other;
  };
  const std::vector<control> controls{
      {"a clock",
       pharmacy,
       {pharmacy.text + " It is 21:04:59 in Tokyo.", {"sildenafil"}, true, {"commerce_cart"}},
       {pharmacy.text + " It is 08:05:03 in New York.", {"sildenafil"}, true, {"commerce_cart"}}},
      {"a random banner",
       pharmacy,
       {pharmacy.text + " Today: 20% off Cialis",
        {"sildenafil", "tadalafil"},
        true,
        {"commerce_cart"}},
       {pharmacy.text + " Today: free shipping on Levitra",
        {"sildenafil", "vardenafil"},
        true,
        {"commerce_cart"}}},
      {"a cookie banner",
       construction,
       {construction.text + " このサイトはクッキーを使用します",
        {},
        false,
        {"page_state_construction"}},
       construction},
      {"a single-page app that renders the same everywhere", shell, pharmacy, pharmacy},
  };
  for (const auto& each : controls) {
    CAPTURE(each.name);
    const auto pair = only(compare_site({rendered_view("default", each.served, each.other),
                                         rendered_view("jp", each.served, each.jp)},
                                        0, nullptr));
    CHECK(pair.verdict == cloaking_verdict::consistent);
    for (const auto& reason : pair.reasons) {
      CAPTURE(reason);
      CHECK(reason.find("a script") == std::string::npos);
    }
  }
  const auto app = only(compare_site(
      {rendered_view("default", shell, pharmacy), rendered_view("jp", shell, pharmacy)}, 0,
      nullptr));
  CHECK(app.reasons == std::vector<std::string>{
                           "jp and default see a page without drug names",
                           "jp and default see a shop offering sildenafil without prescription "
                           "once scripts ran; the served HTML was a page without drug names"});
}

TEST_CASE("rendered pages that differ after served pages that differed are said in the browser") {
  const auto pair = only(compare_site({rendered_view("default", construction, construction),
                                       rendered_view("jp", pharmacy, pharmacy)},
                                      0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  REQUIRE_FALSE(pair.reasons.empty());
  CHECK(pair.reasons.front() ==
        "jp sees a shop offering sildenafil without prescription; default sees an "
        "under-construction page");
  CHECK(pair.reasons.back() ==
        "in the browser, jp sees a shop offering sildenafil without prescription; default sees "
        "an under-construction page");
}

TEST_CASE("a failed render is no evidence: the pair is inconclusive, and says why") {
  auto jp = rendered_view("jp", construction, pharmacy);
  jp.rendered->error = view_error{make_error_code(view_errc::internal), "the page never settled"};
  const auto pair =
      only(compare_site({rendered_view("default", construction, construction), jp}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::inconclusive);
  REQUIRE_FALSE(pair.reasons.empty());
  CHECK(pair.reasons.back().starts_with("jp's render failed: "));
  CHECK(pair.reasons.back().find("the page never settled") != std::string::npos);
}

// A cloaker must not hide its shop by calling window.open: a page that asked for too many
// windows was read in full, and is compared as read.
TEST_CASE("a page that asked for too many windows is compared as read, and the reason says so") {
  auto jp = rendered_view("jp", construction, pharmacy);
  jp.rendered->error = view_error{make_error_code(render_errc::targets),
                                  "the page asked for 50 windows, over the limit of 4"};
  const auto pair =
      only(compare_site({rendered_view("default", construction, construction), jp}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::cloaked);
  REQUIRE_FALSE(pair.reasons.empty());
  CHECK(pair.reasons.front().starts_with("jp: a script replaced an under-construction page"));
  CHECK(pair.reasons.back() ==
        "jp's page was compared as read, though the page asked for 50 windows, over the limit "
        "of 4");
}

TEST_CASE("one side rendered, the other not: the scripts are not compared") {
  auto served_only = rendered_view("default", construction, construction);
  served_only.rendered.reset();
  const auto pair =
      only(compare_site({served_only, rendered_view("jp", construction, pharmacy)}, 0, nullptr));
  CHECK(pair.verdict == cloaking_verdict::consistent);
  CHECK(pair.reasons == std::vector<std::string>{"jp and default see an under-construction page",
                                                 "jp was rendered in a browser and default was "
                                                 "not: scripts were not compared"});
}

}  // namespace geocrawl
