#include "parsers/payment_hosts.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("only absolute URLs name a host") {
  CHECK(absolute_host("https://Pay.Gateway.example/charge?x=1") == "pay.gateway.example");
  CHECK(absolute_host("  http://checkout.example:8443/") == "checkout.example");
  CHECK(absolute_host("//secure.pay.example/js") == "secure.pay.example");
  CHECK(absolute_host("/cart/checkout").empty());
  CHECK(absolute_host("checkout.php").empty());
  CHECK(absolute_host("javascript:void(0)").empty());
  CHECK(absolute_host("").empty());
}

TEST_CASE("a payment service's script host") {
  CHECK(is_payment_script_host("js.rxpay.example"));
  CHECK(is_payment_script_host("checkout.processor.example"));
  CHECK(is_payment_script_host("secure-gateway.example"));
  CHECK_FALSE(is_payment_script_host("cdn.jsdelivr.net"));
  CHECK_FALSE(is_payment_script_host("www.googletagmanager.com"));
}

}  // namespace geocrawl
