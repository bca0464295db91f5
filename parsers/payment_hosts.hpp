#pragma once
// Where a shop takes money: the host a checkout form posts to, and the host of a payment
// gateway's script. Rogue networks share small private processors; the same checkout host on
// two domains is one operator. Only absolute URLs name another host, so this needs no page URL.
#include <string>
#include <string_view>

namespace geocrawl {

// The lower-case host of an absolute http(s) or scheme-relative URL; "" for a relative one.
std::string absolute_host(std::string_view url);

// A script host that names a payment service: a label with "pay", "checkout", "billing",
// "gateway" or "merchant" in it (pay.example-gw.com, checkout.processor.net).
bool is_payment_script_host(std::string_view host);

}  // namespace geocrawl
