#include "crawler/cli/url_shortening.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("first_difference is the length of the URLs' common prefix") {
  CHECK(first_difference({}) == 0);
  CHECK(first_difference({"http://a.example/x"}) == 18);
  CHECK(first_difference({"http://a.example/en/", "http://a.example/ja/"}) == 17);
  CHECK(first_difference({"http://a.example/", "http://a.example/", "http://b.example/"}) == 7);
  CHECK(first_difference({"http://a.example/", "http://a.example/more"}) == 17);
}

TEST_CASE("a long URL keeps the part that differs, never only the prefix it shares") {
  const std::string base = "https://www.pharmacy-shop.example/products/";
  const auto ja = base + "ja/viagra.html";
  const auto en = base + "en/index.html";
  const auto differs_at = first_difference({ja, en});
  const auto short_ja = shortened_url(ja, 30, differs_at);
  const auto short_en = shortened_url(en, 30, differs_at);
  CHECK(short_ja.size() <= 30);
  CHECK(short_ja == "~" + ja.substr(ja.size() - 29));
  CHECK(short_ja.find("ja/viagra.html") != std::string::npos);
  CHECK(short_en.find("en/index.html") != std::string::npos);
  CHECK(short_ja != short_en);
}

TEST_CASE("a difference in the middle of a long URL is shown with both ends cut") {
  const std::string tail(60, 't');
  const auto a = "https://a.example/path/one/" + tail;
  const auto b = "https://a.example/path/two/" + tail;
  const auto differs_at = first_difference({a, b});
  const auto short_a = shortened_url(a, 20, differs_at);
  CHECK(short_a.size() == 20);
  CHECK(short_a.starts_with("~"));
  CHECK(short_a.ends_with("~"));
  CHECK(short_a.find("one") != std::string::npos);
  CHECK(shortened_url(b, 20, differs_at).find("two") != std::string::npos);
}

TEST_CASE("a URL that fits is whole, one that differs at once is cut at its end") {
  CHECK(shortened_url("http://a.example/", 30, 7) == "http://a.example/");
  const std::string long_host = "http://" + std::string(40, 'h') + ".example/";
  CHECK(shortened_url(long_host, 20, 3) == long_host.substr(0, 19) + "~");
  // Identical URLs differ nowhere: their end is the informative part.
  const auto same = "https://a.example/" + std::string(40, 'p') + "/cart";
  CHECK(shortened_url(same, 20, same.size()).ends_with("/cart"));
}

}  // namespace geocrawl
