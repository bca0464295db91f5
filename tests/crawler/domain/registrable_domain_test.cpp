#include "crawler/domain/registrable_domain.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("registrable domain: the public suffix list decides, not the dots") {
  CHECK(registrable_domain("www.shop.example.co.jp") == "example.co.jp");
  CHECK(registrable_domain("shop.example.co.jp") == "example.co.jp");
  CHECK(registrable_domain("example.co.jp") == "example.co.jp");
  CHECK(registrable_domain("www.pharmacy.example") == "pharmacy.example");
  // A private suffix: each github.io site belongs to its own owner.
  CHECK(registrable_domain("shop.github.io") == "shop.github.io");
  CHECK(registrable_domain("a.b.shop.github.io") == "shop.github.io");
}

TEST_CASE("registrable domain: case and a trailing dot name the same host") {
  CHECK(registrable_domain("WWW.Example.CO.JP") == "example.co.jp");
  CHECK(registrable_domain("www.example.co.jp.") == "example.co.jp");
}

TEST_CASE("registrable domain: suffixes, single labels and addresses have none") {
  CHECK_FALSE(registrable_domain("co.jp"));
  CHECK_FALSE(registrable_domain("github.io"));
  CHECK_FALSE(registrable_domain("localhost"));
  CHECK_FALSE(registrable_domain("127.0.0.1"));
  CHECK_FALSE(registrable_domain("::1"));
  CHECK_FALSE(registrable_domain("[::1]"));
  CHECK_FALSE(registrable_domain(""));
}

TEST_CASE("public suffix: co.jp and github.io are, example.co.jp and unlisted labels are not") {
  CHECK(is_public_suffix("co.jp"));
  CHECK(is_public_suffix("CO.JP"));
  CHECK(is_public_suffix("jp"));
  CHECK(is_public_suffix("github.io"));
  CHECK_FALSE(is_public_suffix("example.co.jp"));
  CHECK_FALSE(is_public_suffix("localhost"));
  CHECK_FALSE(is_public_suffix("127.0.0.1"));
}

TEST_CASE("site identity: the registrable domain, else the host itself") {
  CHECK(site_identity("www.shop.example.co.jp") == "example.co.jp");
  CHECK(site_identity("127.0.0.1") == "127.0.0.1");
  CHECK(site_identity("LocalHost") == "localhost");
}

}  // namespace geocrawl
