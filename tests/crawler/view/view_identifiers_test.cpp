#include "crawler/view/view_identifiers.hpp"

#include <algorithm>

#include <doctest/doctest.h>

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

}  // namespace geocrawl
