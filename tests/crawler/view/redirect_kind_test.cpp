#include "crawler/view/redirect_kind.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("each redirect kind reads back from the word it is written as") {
  for (const auto kind :
       {redirect_kind::location, redirect_kind::refresh_header, redirect_kind::meta_refresh}) {
    CAPTURE(to_string(kind));
    CHECK(parse_redirect_kind(to_string(kind)) == kind);
  }
  CHECK(to_string(redirect_kind::meta_refresh) == "meta_refresh");
}

TEST_CASE("a word that names no redirect kind is rejected") {
  CHECK_FALSE(parse_redirect_kind("refresh"));
  CHECK_FALSE(parse_redirect_kind("Location"));
  CHECK_FALSE(parse_redirect_kind(""));
}

TEST_CASE("the last hop, where the chain did not go on, is written as nothing") {
  CHECK(to_string(std::optional<redirect_kind>{}).empty());
  CHECK(to_string(std::optional{redirect_kind::location}) == "location");
}

}  // namespace geocrawl
