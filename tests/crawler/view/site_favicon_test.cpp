#include "crawler/view/site_favicon.hpp"

#include <doctest/doctest.h>

#include "crawler/view/view_errc.hpp"

namespace geocrawl {
namespace {

view served(std::string final_url) {
  view record;
  record.requested_url = "http://shop.example/";
  record.final_url = std::move(final_url);
  record.status = 200;
  return record;
}

view icon_answer(int status, std::string body) {
  view record = served("https://shop.example/favicon.ico");
  record.status = status;
  record.body = std::move(body);
  record.fetched_at = "2026-12-07T13:00:00Z";
  return record;
}

}  // namespace

TEST_CASE("the icon a page names wins, else /favicon.ico at the final URL's origin") {
  auto page = served("https://www.shop.example:8443/deep/page.html?q=1#top");
  CHECK(favicon_url(page) == "https://www.shop.example:8443/favicon.ico");
  page.analysis.emplace();
  CHECK(favicon_url(page) == "https://www.shop.example:8443/favicon.ico");
  page.analysis->page.icon = "https://cdn.example/i/fav.png";
  CHECK(favicon_url(page) == "https://cdn.example/i/fav.png");
  // Nothing answered: where the view was asked for is the origin.
  CHECK(favicon_url(served("")) == "http://shop.example/favicon.ico");
  auto nowhere = served("");
  nowhere.requested_url = "not a url";
  CHECK_FALSE(favicon_url(nowhere));
}

TEST_CASE("an icon fetch is hashed only when whole and 2xx, and says why not otherwise") {
  const auto hashed = favicon_of("u", icon_answer(200, "\x89PNG-ish"), 1024);
  CHECK(hashed.outcome == favicon_outcome::hashed);
  REQUIRE(hashed.hash);
  CHECK(hashed.bytes == 8);
  CHECK(hashed.url == "u");
  CHECK(hashed.final_url == "https://shop.example/favicon.ico");
  CHECK(hashed.fetched_at == "2026-12-07T13:00:00Z");

  const auto missing = favicon_of("u", icon_answer(404, "<h1>no</h1>"), 1024);
  CHECK(missing.outcome == favicon_outcome::http_error);
  CHECK(missing.status == 404);
  CHECK_FALSE(missing.hash);

  CHECK(favicon_of("u", icon_answer(200, ""), 1024).outcome == favicon_outcome::empty);

  auto cut = icon_answer(200, std::string(1024, 'x'));
  cut.truncated = true;
  cut.truncated_reason = "body over 1024 bytes";
  const auto oversize = favicon_of("u", cut, 1024);
  CHECK(oversize.outcome == favicon_outcome::oversize);
  CHECK_FALSE(oversize.hash);
  CHECK(oversize.bytes == 1024);
  CHECK(oversize.detail.find("max_favicon_bytes (1024 bytes)") != std::string::npos);

  auto broken = icon_answer(0, "");
  broken.error = view_error{make_error_code(view_errc::internal), "boom"};
  const auto failed = favicon_of("u", broken, 1024);
  CHECK(failed.outcome == favicon_outcome::failed);
  REQUIRE(failed.error);
  CHECK(failed.error->message == "boom");
}

TEST_CASE("favicon outcome words read back as themselves, and nothing else reads") {
  for (const auto outcome :
       {favicon_outcome::hashed, favicon_outcome::http_error, favicon_outcome::empty,
        favicon_outcome::oversize, favicon_outcome::failed})
    CHECK(favicon_outcome_from(to_string(outcome)) == outcome);
  CHECK_FALSE(favicon_outcome_from("Hashed"));
  CHECK_FALSE(favicon_outcome_from(""));
}

}  // namespace geocrawl
