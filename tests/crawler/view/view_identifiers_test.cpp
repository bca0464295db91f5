#include "crawler/view/view_identifiers.hpp"

#include <algorithm>

#include <doctest/doctest.h>

#include "parsers/shipped_lexicon.hpp"

namespace geocrawl {
namespace {

view page_view(std::string lang, std::string exit_country) {
  view record;
  record.status = 200;
  record.body = "<html>...</html>";
  record.sha256 = "bodyhash";
  record.exit_country = std::move(exit_country);
  record.peer_address = "203.0.113.9";
  record.analysis.emplace();
  record.analysis->page.lang = std::move(lang);
  record.analysis->identifiers = {{identifier_kind::ga4, "G-AB12CD34EF"},
                                  {identifier_kind::phone, "0312345678"},
                                  {identifier_kind::phone, "+442079460000"}};
  return record;
}

bool has(const std::vector<page_identifier>& ids, identifier_kind kind, std::string_view value) {
  return std::find(ids.begin(), ids.end(), page_identifier{kind, std::string(value)}) != ids.end();
}

// The values of one kind, in order.
std::vector<std::string> values_of(const std::vector<page_identifier>& ids, identifier_kind kind) {
  std::vector<std::string> values;
  for (const auto& id : ids)
    if (id.kind == kind) values.push_back(id.value);
  return values;
}

// A view of `html` served at `url`, analysed as the crawl analyses it.
view analysed_view(std::string_view html, std::string url) {
  static const page_analyzer analyzer(load_shipped_lexicon());
  view record;
  record.status = 200;
  record.body = html;
  record.sha256 = "bodyhash";
  record.proxy = "jp-1";
  record.requested_url = url;
  record.final_url = std::move(url);
  record.analysis = analyzer.analyze(html, "text/html; charset=utf-8", record.final_url);
  return record;
}

// A checkout form: what makes a page one that sells.
constexpr std::string_view order_form =
    "<form action=\"/cart/checkout\" method=\"post\"><input name=\"card\" "
    "autocomplete=\"cc-number\"><button type=\"submit\">Buy now</button></form>";

}  // namespace

TEST_CASE("national numbers become E.164 for the page's country, else the view's") {
  const auto japanese = view_identifiers(page_view("ja", "US"));
  CHECK(has(japanese, identifier_kind::phone, "+81312345678"));
  CHECK(has(japanese, identifier_kind::phone, "+442079460000"));
  CHECK(has(japanese, identifier_kind::ga4, "G-AB12CD34EF"));
  CHECK(has(view_identifiers(page_view("", "JP")), identifier_kind::phone, "+81312345678"));
  // Nowhere to place it: kept as written, which still matches the same number elsewhere.
  CHECK(has(view_identifiers(page_view("", "")), identifier_kind::phone, "0312345678"));
}

TEST_CASE("the view's own infrastructure: body, TLS key, and the address only when direct") {
  auto direct = page_view("ja", "JP");
  direct.tls.emplace();
  direct.tls->spki_sha256 = "spkihash";
  const auto ids = view_identifiers(direct);
  CHECK(has(ids, identifier_kind::body_sha256, "bodyhash"));
  CHECK(has(ids, identifier_kind::cert_spki, "spkihash"));
  CHECK(has(ids, identifier_kind::ip, "203.0.113.9"));
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  auto proxied = page_view("ja", "JP");
  proxied.proxy = "jp-1";  // peer_address is the proxy's: nothing of the site
  const auto through_proxy = view_identifiers(proxied);
  CHECK_FALSE(
      std::any_of(through_proxy.begin(), through_proxy.end(),
                  [](const page_identifier& id) { return id.kind == identifier_kind::ip; }));
}

TEST_CASE("a failed view shows nothing") {
  view failed;
  failed.proxy = "jp-1";
  CHECK(view_identifiers(failed).empty());
}

TEST_CASE("a hashed favicon is the view's favicon identifier, signed decimal, an unhashed none") {
  const auto no_favicon = [](const std::vector<page_identifier>& ids) {
    return std::none_of(ids.begin(), ids.end(), [](const page_identifier& id) {
      return id.kind == identifier_kind::favicon;
    });
  };
  auto record = page_view("ja", "JP");
  CHECK(no_favicon(view_identifiers(record)));
  auto& icon = record.favicon.emplace();
  icon.url = "https://shop.example/favicon.ico";
  icon.outcome = favicon_outcome::hashed;
  icon.status = 200;
  icon.hash = -1522510080;
  CHECK(has(view_identifiers(record), identifier_kind::favicon, "-1522510080"));
  record.favicon->outcome = favicon_outcome::http_error;
  record.favicon->hash.reset();
  CHECK(no_favicon(view_identifiers(record)));
}

TEST_CASE("a shop's links to other registrable domains are its sister links") {
  const std::string html = std::string("<html><body>") + std::string(order_form) +
                           R"(<a href="/about">relative: this shop</a>
<a href="help/faq.html">relative too</a>
<a href="https://blog.own-shop.com/">a subdomain of its own domain</a>
<a href="https://OWN-SHOP.com./">its own domain, upper case and a trailing dot</a>
<a href="https://WWW.Sister-Shop.EXAMPLE/products">mixed case</a>
<a href="//shop.b-network.co.jp/x">network path, under co.jp</a>
<a href="https://bücher-apotheke.com/">IDN</a>
<a href="https://xn--bcher-apotheke-gsb.com/again">the same IDN as punycode</a>
<a href="http://203.0.113.5/">an address</a>
<a href="https://github.io/">a public suffix</a>
<a href="mailto:rx@elsewhere.example">mail</a>
</body></html>)";
  const auto ids = view_identifiers(analysed_view(html, "https://www.own-shop.com/index.html"));
  CHECK(values_of(ids, identifier_kind::sister_link) ==
        std::vector<std::string>{"b-network.co.jp", "sister-shop.example",
                                 "xn--bcher-apotheke-gsb.com"});
}

TEST_CASE("relative links follow the page's base, and a page that does not sell has none") {
  const std::string based = std::string("<html><head><base href=\"https://other-shop.example/\">") +
                            "</head><body>" + std::string(order_form) +
                            "<a href=\"/cart\">cart</a></body></html>";
  CHECK(values_of(view_identifiers(analysed_view(based, "https://own-shop.com/")),
                  identifier_kind::sister_link) == std::vector<std::string>{"other-shop.example"});
  // A blog linking to shops says nothing of who runs it.
  const auto blog = view_identifiers(analysed_view(
      "<html><body><p>My favourite tea shops:</p><a href=\"https://tea-shop.example/\">tea</a>"
      "</body></html>",
      "https://my-blog.example/"));
  CHECK(values_of(blog, identifier_kind::sister_link).empty());
}

TEST_CASE("certificate names covering other registrable domains, never the page's own") {
  auto record = analysed_view("<html><body><p>shop</p></body></html>", "https://www.shop-a.com/");
  record.tls.emplace();
  record.tls->spki_sha256 = "spkihash";
  record.tls->dns_names = {"www.shop-a.com", "shop-a.com",   "*.shop-b.net",
                           "*.co.jp",        "shop-c.co.jp", "cdn.shop-c.co.jp"};
  record.tls->dns_name_count = record.tls->dns_names.size();
  CHECK(values_of(view_identifiers(record), identifier_kind::cert_name) ==
        std::vector<std::string>{"shop-b.net", "shop-c.co.jp"});
  // A certificate of the shop's own names only links nothing.
  record.tls->dns_names = {"shop-a.com", "*.shop-a.com"};
  CHECK(values_of(view_identifiers(record), identifier_kind::cert_name).empty());
}

}  // namespace geocrawl
