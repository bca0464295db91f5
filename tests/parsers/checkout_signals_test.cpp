#include "parsers/checkout_signals.hpp"

#include <doctest/doctest.h>

namespace geocrawl {
namespace {

TEST_CASE("field names that only shops ask for") {
  const std::string_view checkout[] = {"card_number", "cardNumber",  "CVV",         "cvc2",
                                       "ccnum",       "cc-exp",      "billing_zip", "quantity",
                                       "qty[12]",     "add-to-cart", "cart_item",   "cc-number"};
  for (const auto name : checkout) {
    CAPTURE(name);
    CHECK(is_checkout_field(name));
  }
  const std::string_view other[] = {"q",     "s",       "search", "username", "password",
                                    "email", "comment", "name",   ""};
  for (const auto name : other) {
    CAPTURE(name);
    CHECK_FALSE(is_checkout_field(name));
  }
}

TEST_CASE("form actions about carts, orders and payment, by whole words") {
  const std::string_view checkout[] = {"https://shop.example/cart/add",
                                       "/checkout",
                                       "/order.php",
                                       "https://a.example/?add-to-cart=12",
                                       "/basket",
                                       "/Payment/step1",
                                       "/purchase?x=1",
                                       "/addtocart"};
  for (const auto action : checkout) {
    CAPTURE(action);
    CHECK(is_checkout_action(action));
  }
  const std::string_view other[] = {
      "https://shop.example/search",  "/cartoons/list", "/reorder-list",
      "https://cart.example/contact", "/login",         ""};
  for (const auto action : other) {
    CAPTURE(action);
    CHECK_FALSE(is_checkout_action(action));
  }
}

TEST_CASE("buy buttons in English and Japanese") {
  const std::string_view checkout[] = {"Add to Cart", "ADD TO BASKET",  "Proceed to checkout",
                                       "Buy now!",    "カートに入れる", "購入する",
                                       "ご注文",      "買い物かごへ"};
  for (const auto text : checkout) {
    CAPTURE(text);
    CHECK(is_checkout_button_text(text));
  }
  const std::string_view other[] = {"Search", "Log in", "Subscribe", "送信", "検索", ""};
  for (const auto text : other) {
    CAPTURE(text);
    CHECK_FALSE(is_checkout_button_text(text));
  }
}

}  // namespace
}  // namespace geocrawl
