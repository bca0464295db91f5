#include "tests/support/cloaking_scenarios.hpp"

#include <chrono>
#include <utility>

#include "tests/support/benign_pages.hpp"
#include "tests/support/encoders.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/scenario_kit.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

constexpr site_verdict cloaked = site_verdict::cloaked;
constexpr site_verdict consistent = site_verdict::consistent;
constexpr site_verdict inconclusive = site_verdict::inconclusive;
constexpr site_verdict unreachable = site_verdict::unreachable;

constexpr const char* shift_jis_html = "text/html; charset=Shift_JIS";
constexpr const char* bare_html = "text/html";

// Japan gets one response, everyone else the other: the plain geo split.
handler geo_split(response_script for_japan, response_script for_others) {
  return [for_japan = std::move(for_japan),
          for_others = std::move(for_others)](const received_request& request) {
    return from_japan(request) ? for_japan : for_others;
  };
}

// The same response for everyone.
handler everyone(response_script script) {
  return [script = std::move(script)](const received_request&) { return script; };
}

// Says nothing until the client gives up: a stall only the timeout ends.
response_script stall() { return {script_step::idle()}; }

std::string refresh_to(std::string_view delay_and_url) {
  return "<meta http-equiv=\"refresh\" content=\"" + std::string(delay_and_url) + "\">\n";
}

std::string script_to(std::string_view navigation) {
  return "<script>" + std::string(navigation) + "</script>\n";
}

// A page that only forwards: a refresh, and the text shown while it waits.
std::string forwarding_page(std::string_view delay_and_url) {
  return html_page("ja", "Loading...", "<meta charset=\"utf-8\">\n" + refresh_to(delay_and_url),
                   "<p>ページを読み込んでいます。自動的に移動しない場合は<a "
                   "href=\"/\">こちら</a>をクリックしてください。</p>\n");
}

// --- geo cloaking: a Japanese shop for Japan, a cover for everyone else ---
void add_geo_cloaking(std::vector<cloaking_scenario>& list) {
  const auto construction = page(japanese_construction_page());
  list.push_back({"geo-sjis-header", cloaked,
                  "jp: Shift_JIS shop (charset in the header); others: UTF-8 工事中",
                  geo_split(page(as_shift_jis(japanese_shop()), shift_jis_html), construction)});
  list.push_back(
      {"geo-sjis-meta", cloaked, "jp: Shift_JIS shop (<meta charset>); others: UTF-8 工事中",
       geo_split(page(as_shift_jis(japanese_shop({.head_extra = "<meta charset=\"Shift_JIS\">\n"})),
                      bare_html),
                 construction)});
  list.push_back(
      {"geo-sjis-http-equiv", cloaked,
       "jp: Shift_JIS shop (http-equiv Content-Type); others: UTF-8 工事中",
       geo_split(page(as_shift_jis(japanese_shop(
                          {.head_extra = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
                                         "charset=shift_jis\">\n"})),
                      bare_html),
                 construction)});
  list.push_back({"geo-sjis-undeclared", cloaked,
                  "jp: Shift_JIS shop, no charset anywhere; others: UTF-8 工事中",
                  geo_split(page(as_shift_jis(japanese_shop()), bare_html), construction)});
  list.push_back({"geo-sjis-windows-31j", cloaked,
                  "jp: Shift_JIS shop labelled Windows-31J; others: UTF-8 工事中",
                  geo_split(page(as_shift_jis(japanese_shop()), "text/html; charset=Windows-31J"),
                            construction)});
  list.push_back(
      {"geo-sjis-parked", cloaked, "jp: Shift_JIS shop; others: a domain-for-sale parking page",
       geo_split(page(as_shift_jis(japanese_shop()), shift_jis_html), page(parked_domain_page()))});
  const auto half_width_shop = japanese_shop({.half_width = true});
  list.push_back(
      {"geo-eucjp-header", cloaked,
       "jp: EUC-JP shop, half-width ﾊﾞｲｱｸﾞﾗ (charset in the header); others: 工事中",
       geo_split(page(as_euc_jp(half_width_shop), "text/html; charset=EUC-JP"), construction)});
  list.push_back(
      {"geo-eucjp-meta", cloaked,
       "jp: EUC-JP shop, half-width ﾊﾞｲｱｸﾞﾗ (<meta charset>); others: 工事中",
       geo_split(page(as_euc_jp(japanese_shop(
                          {.head_extra = "<meta charset=\"euc-jp\">\n", .half_width = true})),
                      bare_html),
                 construction)});
  list.push_back({"geo-eucjp-undeclared", cloaked,
                  "jp: EUC-JP shop, half-width ﾊﾞｲｱｸﾞﾗ, no charset; others: 工事中",
                  geo_split(page(as_euc_jp(half_width_shop), bare_html), construction)});
  list.push_back({"geo-eucjp-404", cloaked,
                  "jp: EUC-JP half-width shop; others: the server's 404 page",
                  geo_split(page(as_euc_jp(half_width_shop), "text/html; charset=EUC-JP"),
                            page_with_status(404, error_page(404)))});
  // Language rather than address: the shop shows itself to Japanese readers only.
  list.push_back(
      {"lang-ja-only", cloaked, "Accept-Language ja: Shift_JIS shop; others: a town newspaper",
       [](const received_request& request) {
         return reads_japanese(request) ? page(as_shift_jis(japanese_shop()), shift_jis_html)
                                        : page(english_news());
       }});
}

// --- where the visitor is sent: HTTP, meta refresh and script redirects for Japan only ---
void add_redirect_cloaking(std::vector<cloaking_scenario>& list, const std::string& elsewhere) {
  list.push_back({"redirect-302-path", cloaked,
                  "jp: 302 to /shop on the same origin; others: 200 camping blog",
                  [](const received_request& request) {
                    if (subpath(request) == "shop") return page(japanese_shop());
                    return from_japan(request) ? redirect(302, "/redirect-302-path/shop")
                                               : page(japanese_blog());
                  }});
  list.push_back(
      {"redirect-301-elsewhere", cloaked,
       "jp: 301 to a shop on another origin; others: 200 regional news",
       geo_split(redirect(301, elsewhere + "/redirect-301-elsewhere/"), page(japanese_news()))});
  request_counter served;
  list.push_back({"redirect-chain", cloaked,
                  "jp: 302 then 307 to /shop; others: 200 town newspaper with noise",
                  [served](const received_request& request) {
                    if (subpath(request) == "go") return redirect(307, "/redirect-chain/shop");
                    if (subpath(request) == "shop") return page(english_shop());
                    return from_japan(request) ? redirect(302, "/redirect-chain/go")
                                               : page(english_news({.request = served.next()}));
                  }});
  list.push_back({"redirect-relative", cloaked,
                  "jp: 303 to the relative 'shop?ref=jp'; others: 工事中",
                  [](const received_request& request) {
                    if (subpath(request) == "shop")
                      return page(as_shift_jis(japanese_shop()), shift_jis_html);
                    return from_japan(request) ? redirect(303, "shop?ref=jp")
                                               : page(japanese_construction_page());
                  }});
  list.push_back({"meta-refresh-shop", cloaked,
                  "jp: a page that refreshes at once to /shop; others: camping blog",
                  [](const received_request& request) {
                    if (subpath(request) == "shop") return page(japanese_shop());
                    return from_japan(request)
                               ? page(forwarding_page("0; url=/meta-refresh-shop/shop"))
                               : page(japanese_blog());
                  }});
  list.push_back(
      {"meta-refresh-elsewhere", cloaked,
       "jp: refresh after 1 s to a shop on another origin; others: clinic",
       geo_split(page(forwarding_page("1;URL='" + elsewhere + "/meta-refresh-elsewhere/'")),
                 page(english_clinic()))});
  // The news page is the same; only Japan's copy carries the refresh to the shop.
  list.push_back(
      {"meta-refresh-hidden", cloaked,
       "jp: regional news plus a refresh to /shop; others: the same news",
       [](const received_request& request) {
         if (subpath(request) == "shop") return page(japanese_shop());
         return page(japanese_news(
             {.head_extra =
                  from_japan(request) ? refresh_to("0; url=/meta-refresh-hidden/shop") : ""}));
       }});
  // Published studies found a script redirect to another origin the strongest single sign of
  // cloaking: here it is the only difference between otherwise identical pages.
  const auto href = script_to("location.href=\"" + elsewhere + "/script-href/\";");
  list.push_back({"script-href", cloaked,
                  "jp: regional news plus location.href to another origin; others: the news",
                  geo_split(page(japanese_news({.head_extra = href})), page(japanese_news()))});
  const auto replace = script_to("window.location.replace('" + elsewhere + "/script-replace/');");
  list.push_back({"script-replace", cloaked,
                  "jp: town news plus location.replace to another origin; others: the news",
                  geo_split(page(english_news({.head_extra = replace})), page(english_news()))});
  const auto top =
      script_to("if (top != self) {} else { top.location = \"" + elsewhere + "/script-top/\"; }");
  list.push_back({"script-top", cloaked,
                  "jp: camping blog plus top.location to another origin; others: the blog",
                  geo_split(page(japanese_blog({.head_extra = top})), page(japanese_blog()))});
}

// --- who may see the site at all ---
void add_access_cloaking(std::vector<cloaking_scenario>& list) {
  list.push_back({"geo-block-403", cloaked, "jp: shop; others: 403 Forbidden",
                  geo_split(page(japanese_shop()), page_with_status(403, error_page(403)))});
  list.push_back({"geo-block-451", cloaked,
                  "jp: Shift_JIS shop; others: 451 not available in your country",
                  geo_split(page(as_shift_jis(japanese_shop()), shift_jis_html),
                            page_with_status(451, error_page(451)))});
  // A 503 only outside Japan, every time, for a shop Japan sees: the 5xx is a cover, the same
  // access cloaking as a 403, not an outage (an outage does not pick its visitors by country).
  list.push_back(
      {"geo-block-503", cloaked, "jp: shop; others: 503 Service Temporarily Unavailable",
       geo_split(page(japanese_shop()),
                 http_response(503, {{"Content-Type", "text/html"}, {"Retry-After", "3600"}},
                               error_page(503)))});
}

// --- what crawlers and search visitors are shown ---
void add_visitor_cloaking(std::vector<cloaking_scenario>& list) {
  list.push_back({"ua-googlebot-clean", cloaked,
                  "googlebot: a tea shop; browsers: English pharmacy",
                  [](const received_request& request) {
                    return is_googlebot(request) ? page(tea_shop()) : page(english_shop());
                  }});
  list.push_back({"ua-googlebot-clean-ja", cloaked,
                  "googlebot: camping blog; browsers: Japanese pharmacy",
                  [](const received_request& request) {
                    return is_googlebot(request) ? page(japanese_blog()) : page(japanese_shop());
                  }});
  list.push_back(
      {"ua-googlebot-stuffed", cloaked, "googlebot: keyword-stuffed drug page; browsers: town news",
       [](const received_request& request) {
         return is_googlebot(request) ? page(keyword_stuffed_page()) : page(english_news());
       }});
  list.push_back({"referer-google-jp", cloaked, "Referer www.google.co.jp: shop; others: 工事中",
                  [](const received_request& request) {
                    return from_google_japan(request) ? page(japanese_shop())
                                                      : page(japanese_construction_page());
                  }});
  list.push_back({"referer-search", cloaked,
                  "any search-engine Referer: Shift_JIS shop; direct visitors: a clinic",
                  [](const received_request& request) {
                    const auto referer = request.header("Referer");
                    const bool searched = referer.find(".google.") != std::string::npos ||
                                          referer.find("search.yahoo.co.jp") != std::string::npos;
                    return searched ? page(as_shift_jis(japanese_shop()), shift_jis_html)
                                    : page(japanese_clinic());
                  }});
}

// --- rogue shops that show everyone the same offer, however they dress it ---
void add_consistent_rogues(std::vector<cloaking_scenario>& list) {
  list.push_back(
      {"rogue-en", consistent, "everyone: the English pharmacy", everyone(page(english_shop()))});
  list.push_back({"rogue-sjis", consistent, "everyone: the Shift_JIS pharmacy",
                  everyone(page(as_shift_jis(japanese_shop()), shift_jis_html))});
  list.push_back(
      {"rogue-eucjp-half-width", consistent, "everyone: the EUC-JP half-width pharmacy",
       everyone(page(as_euc_jp(japanese_shop(
                         {.head_extra = "<meta charset=\"EUC-JP\">\n", .half_width = true})),
                     bare_html))});
  list.push_back({"rogue-currency", consistent,
                  "everyone: English pharmacy; prices in yen for jp, dollars for others",
                  [](const received_request& request) {
                    return page(english_shop(
                        {.prices = from_japan(request) ? currency::yen : currency::dollar}));
                  }});
  list.push_back({"rogue-visitor-ip", consistent,
                  "everyone: English pharmacy whose footer shows the visitor's IP",
                  [](const received_request& request) {
                    return page(english_shop(
                        {.prices = currency::dollar, .visitor_ip = request.peer_address}));
                  }});
  // The same five drugs and the same no-prescription pitch, translated for Japanese readers:
  // localisation, not a different offer.
  list.push_back({"rogue-translated", consistent,
                  "Accept-Language ja: Japanese pharmacy; others: the same in English",
                  [](const received_request& request) {
                    return reads_japanese(request)
                               ? page(japanese_shop())
                               : page(english_shop({.prices = currency::dollar}));
                  }});
  request_counter english_served;
  list.push_back(
      {"rogue-noisy", consistent,
       "everyone: English pharmacy with per-request token, clock, banner, order",
       [english_served](const received_request&) {
         return page(english_shop({.request = english_served.next(), .prices = currency::dollar}));
       }});
  request_counter japanese_served;
  list.push_back({"rogue-noisy-ja", consistent,
                  "everyone: Japanese pharmacy, per-request noise, visitor IP, yen for jp and "
                  "dollars for others",
                  [japanese_served](const received_request& request) {
                    return page(japanese_shop(
                        {.request = japanese_served.next(),
                         .prices = from_japan(request) ? currency::yen : currency::dollar,
                         .visitor_ip = request.peer_address}));
                  }});
  const auto shop = english_shop();
  list.push_back(
      {"rogue-gzip-jp", consistent, "everyone: English pharmacy; gzip-encoded for jp only",
       geo_split(
           http_response(
               200, {{"Content-Type", "text/html; charset=utf-8"}, {"Content-Encoding", "gzip"}},
               encode("gzip", shop)),
           page(shop))});
}

// --- legitimate sites, most of them busy ---
void add_consistent_benign(std::vector<cloaking_scenario>& list) {
  request_counter news_served;
  list.push_back({"news-en", consistent,
                  "everyone: town newspaper with rotating ads, clock and form token",
                  [news_served](const received_request&) {
                    return page(english_news({.request = news_served.next()}));
                  }});
  request_counter regional_served;
  list.push_back({"news-ja", consistent,
                  "everyone: regional news with rotating ads, clock and form token",
                  [regional_served](const received_request&) {
                    return page(japanese_news({.request = regional_served.next()}));
                  }});
  request_counter blog_served;
  list.push_back({"blog-ja", consistent,
                  "everyone: camping blog with a shuffled ranking and a clock",
                  [blog_served](const received_request&) {
                    return page(japanese_blog({.request = blog_served.next()}));
                  }});
  list.push_back({"clinic-ja", consistent,
                  "everyone: clinic that prescribes バイアグラ after a consultation",
                  everyone(page(japanese_clinic()))});
  list.push_back({"clinic-en", consistent,
                  "everyone: family practice that prescribes sildenafil after a visit",
                  everyone(page(english_clinic()))});
  request_counter tea_served;
  list.push_back(
      {"tea-shop", consistent,
       "everyone: tea shop, shuffled grid, tokens, yen for jp and dollars for others",
       [tea_served](const received_request& request) {
         return page(tea_shop({.request = tea_served.next(),
                               .prices = from_japan(request) ? currency::yen : currency::dollar}));
       }});
  list.push_back({"construction", consistent, "everyone: 工事中",
                  everyone(page(japanese_construction_page()))});
  list.push_back({"redirect-everyone", consistent, "everyone: 302 to /home, regional news",
                  [](const received_request& request) {
                    return subpath(request) == "home" ? page(japanese_news())
                                                      : redirect(302, "/redirect-everyone/home");
                  }});
  request_counter refreshed;
  list.push_back({"meta-refresh-everyone", consistent,
                  "everyone: refresh to /home, town news with noise",
                  [refreshed](const received_request& request) {
                    return subpath(request) == "home"
                               ? page(english_news({.request = refreshed.next()}))
                               : page(forwarding_page("0; url=/meta-refresh-everyone/home"));
                  }});
}

// A script redirect to another origin that everyone gets is how the site works, not cloaking.
void add_consistent_script(std::vector<cloaking_scenario>& list, const std::string& elsewhere) {
  const auto href = script_to("location.href=\"" + elsewhere + "/script-everyone/\";");
  list.push_back({"script-everyone", consistent,
                  "everyone: camping blog plus location.href to another origin",
                  everyone(page(japanese_blog({.head_extra = href})))});
}

// --- one side never gets an answer: there is nothing to compare it with ---
void add_one_side_failing(std::vector<cloaking_scenario>& list) {
  list.push_back({"timeout-jp", inconclusive,
                  "jp: the origin never answers; others: English pharmacy",
                  geo_split(stall(), page(english_shop()))});
  list.push_back({"timeout-default", inconclusive,
                  "default browser: never answered; jp and googlebot: regional news",
                  [](const received_request& request) {
                    return from_japan(request) || is_googlebot(request) ? page(japanese_news())
                                                                        : stall();
                  }});
  list.push_back({"timeout-googlebot", inconclusive,
                  "googlebot: never answered; browsers: town news",
                  [](const received_request& request) {
                    return is_googlebot(request) ? stall() : page(english_news());
                  }});
  const auto blog = japanese_blog();
  auto drip = http_response(200,
                            {{"Content-Type", "text/html; charset=utf-8"},
                             {"Content-Length", std::to_string(blog.size())}},
                            "");
  drip.push_back(script_step::drip(blog, 20ms));  // minutes of body: the view deadline ends it
  list.push_back({"drip-jp", inconclusive,
                  "jp: the body drips a byte per 20 ms; others: camping blog",
                  geo_split(std::move(drip), page(blog))});
  list.push_back({"reset-jp", inconclusive,
                  "jp: connection reset before any answer; others: clinic",
                  geo_split({script_step::reset()}, page(japanese_clinic()))});
  // Half a response and a close for Japan: a broken transfer, not a page.
  response_script cut{
      script_step::write(
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20000\r\n\r\n" +
          japanese_blog().substr(0, 400)),
      script_step::close()};
  list.push_back({"cut-short-jp", inconclusive,
                  "jp: 400 of 20000 announced bytes, then close; others: camping blog",
                  geo_split(std::move(cut), page(blog))});
  // A 503 for Japan on a blog that offers no drug to anyone. The issue lists "5xx vs 200" among
  // the status differences to compare, but cloaking is a difference in what is offered, in
  // access or in destination: a 5xx is the server failing the request, not refusing the visitor
  // (403/451 refuse), and with nothing on offer on either side there is no hidden offer it could
  // cover. So that side simply failed, as a timeout would: inconclusive. Contrast geo-block-503,
  // where the 503 hides from everyone else a shop its target sees.
  list.push_back({"benign-503-jp", inconclusive, "jp: 503; others: camping blog",
                  geo_split(page_with_status(503, error_page(503)), page(blog))});
}

// --- nobody gets an answer ---
void add_unreachable(std::vector<cloaking_scenario>& list) {
  list.push_back({"unreachable-reset", unreachable, "everyone: connection reset",
                  everyone({script_step::reset()})});
  list.push_back({"unreachable-close", unreachable, "everyone: closed without a byte",
                  everyone({script_step::close()})});
  list.push_back(
      {"unreachable-not-http", unreachable, "everyone: an SSH banner, then close",
       everyone({script_step::write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), script_step::close()})});
}

}  // namespace

std::string_view to_string(site_verdict verdict) {
  switch (verdict) {
    case site_verdict::cloaked:
      return "cloaked";
    case site_verdict::consistent:
      return "consistent";
    case site_verdict::inconclusive:
      return "inconclusive";
    case site_verdict::unreachable:
      return "unreachable";
  }
  return "?";
}

std::vector<cloaking_scenario> cloaking_scenarios(const std::string& elsewhere) {
  std::vector<cloaking_scenario> list;
  add_geo_cloaking(list);
  add_redirect_cloaking(list, elsewhere);
  add_access_cloaking(list);
  add_visitor_cloaking(list);
  add_consistent_rogues(list);
  add_consistent_benign(list);
  add_consistent_script(list, elsewhere);
  add_one_side_failing(list);
  add_unreachable(list);
  return list;
}

handler elsewhere_shop() { return everyone(page(as_shift_jis(japanese_shop()), shift_jis_html)); }

void serve_scenarios(test_origin& origin, const std::vector<cloaking_scenario>& scenarios) {
  for (const auto& scenario : scenarios)
    origin.route_below("/" + scenario.name + "/", scenario.serve);
}

}  // namespace geocrawl::testing
