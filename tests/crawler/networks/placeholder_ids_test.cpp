#include "crawler/networks/placeholder_ids.hpp"

#include <stdexcept>

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("the shipped placeholders and a deployment's own") {
  const placeholder_ids shipped;
  CHECK(shipped.matches(identifier_kind::ga4, "G-XXXXXXXXXX"));
  CHECK(shipped.matches(identifier_kind::ga_ua, "UA-000000-1"));
  CHECK(shipped.matches(identifier_kind::email, "info@example.com"));
  CHECK(shipped.matches(identifier_kind::phone, "+81120000000"));
  CHECK_FALSE(shipped.matches(identifier_kind::email, "info@example.com.rx.example"));
  CHECK_FALSE(shipped.matches(identifier_kind::ga_ua, "G-XXXXXXXXXX"));  // another kind
  CHECK_FALSE(shipped.matches(identifier_kind::ga4, "G-AB12CD34EF"));
  const placeholder_ids own({"email:*@corp.example", "gtm:GTM-OURS"});
  CHECK(own.matches(identifier_kind::email, "a@corp.example"));
  CHECK(own.matches(identifier_kind::gtm, "GTM-OURS"));
  CHECK(own.matches(identifier_kind::ga4, "G-XXXXXXXXXX"));
  CHECK_THROWS_AS(placeholder_ids({"nokind:x"}), std::invalid_argument);
  CHECK_THROWS_AS(placeholder_ids({"email"}), std::invalid_argument);
}

}  // namespace geocrawl
