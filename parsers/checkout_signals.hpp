#pragma once
// Whether a form sells: the words shops use for card fields, carts and buy buttons, in
// English and Japanese. A search or login form must not match; a false "checkout" on a
// page that only looks like a shop would mislead the analyst.
#include <string_view>

namespace geocrawl {

// A control's name, id or autocomplete token: card number, CVV, quantity, cart, billing.
bool is_checkout_field(std::string_view name);

// A form action URL whose path or query speaks of a cart, checkout, order, basket or
// payment: "/cart/add", "/order.php", "?add-to-cart=12". Words, not substrings:
// "/cartoons" does not match.
bool is_checkout_action(std::string_view action);

// Button text: "Add to cart", "Buy now", カートに入れる, 購入する, 注文.
bool is_checkout_button_text(std::string_view text);

}  // namespace geocrawl
