#include "parsers/checkout_signals.hpp"

#include <algorithm>
#include <array>

#include "parsers/ascii.hpp"

namespace geocrawl {
namespace {

constexpr std::array<std::string_view, 15> field_words = {
    "card",     "cvv", "cvc",  "ccnum",    "cc-num", "cc_num",  "cc-exp",     "expiry",
    "quantity", "qty", "cart", "checkout", "basket", "billing", "add-to-cart"};
constexpr std::array<std::string_view, 11> action_words = {
    "cart",    "carts",    "checkout", "order",    "orders",   "basket",
    "payment", "payments", "pay",      "purchase", "addtocart"};
constexpr std::array<std::string_view, 10> button_words = {
    "add to cart",
    "add to basket",
    "checkout",
    "check out",
    "buy now",
    "order now",
    "\u30AB\u30FC\u30C8" /* カート, cart */,
    "\u8CFC\u5165" /* 購入, purchase */,
    "\u6CE8\u6587" /* 注文, order */,
    "\u8CB7\u3044\u7269" /* 買い物, shopping */};

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

template <std::size_t n>
bool contains_any(std::string_view text, const std::array<std::string_view, n>& words) {
  return std::any_of(words.begin(), words.end(), [text](std::string_view word) {
    return contains_ignoring_ascii_case(text, word);
  });
}

}  // namespace

bool is_checkout_field(std::string_view name) {
  return contains_any(name, field_words) ||
         (name.size() > 3 && equals_ignoring_ascii_case(name.substr(0, 3), "cc-"));
}

bool is_checkout_action(std::string_view action) {
  const auto scheme = action.find("://");
  if (scheme != std::string_view::npos)
    action = action.substr(std::min(action.size(), action.find('/', scheme + 3)));
  for (std::size_t i = 0; i < action.size();) {
    std::size_t end = i;
    while (end < action.size() && is_alnum(action[end])) ++end;
    const auto word = action.substr(i, end - i);
    if (std::any_of(action_words.begin(), action_words.end(), [word](std::string_view known) {
          return equals_ignoring_ascii_case(word, known);
        })) {
      return true;
    }
    i = end + 1;
  }
  return false;
}

bool is_checkout_button_text(std::string_view text) { return contains_any(text, button_words); }

}  // namespace geocrawl
