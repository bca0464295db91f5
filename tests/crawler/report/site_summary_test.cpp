#include "crawler/report/site_summary.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("site summary: the domain is the URL host's registrable domain") {
  CHECK(site_domain("https://www.shop.example.co.jp/ja/?x=1") == "example.co.jp");
  CHECK(site_domain("http://User:pw@WWW.Example.COM:8080/") == "example.com");
  CHECK(site_domain("https://203.0.113.5/") == "203.0.113.5");
  // A hostile query does not hide the domain; a URL without a host is shown as it is.
  CHECK(site_domain("https://shop.example.co.jp/?q=\"><script>") == "example.co.jp");
  CHECK(site_domain("not a url") == "not a url");
}

TEST_CASE("site summary: countries and drugs, distinct and sorted") {
  std::vector<view> views(3);
  views[0].exit_country = "US";
  views[1].exit_country = "JP";
  views[2].exit_country = "US";
  views[1].analysis.emplace();
  views[1].analysis->found.drugs = {{"Viagra", "sildenafil", "ed", 1},
                                    {"Cialis", "tadalafil", "ed", 1},
                                    {"バイアグラ", "sildenafil", "ed", 2}};
  CHECK(countries_seen(views) == std::vector<std::string>{"JP", "US"});
  CHECK(drugs_found(views) == std::vector<std::string>{"sildenafil", "tadalafil"});
  CHECK(joined(drugs_found(views), "none") == "sildenafil, tadalafil");
  CHECK(joined({}, "none") == "none");
  CHECK(score_digits(0.876) == "0.88");
}

}  // namespace geocrawl
