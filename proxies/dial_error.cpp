#include "proxies/dial_error.hpp"

#include <array>

namespace geocrawl {
namespace {

// In dial_errc's order: the short code of value v is at v - 1.
constexpr std::array<std::string_view, 9> dial_short_codes = {
    "dns",        "connect",       "timeout",        "blocked_target",       "proxy_connect",
    "proxy_auth", "proxy_refused", "proxy_protocol", "no_proxy_for_country",
};
static_assert(dial_short_codes.size() == static_cast<std::size_t>(dial_errc::no_proxy_for_country));

class dial_category_impl final : public coded_category {
 public:
  constexpr dial_category_impl() noexcept : coded_category(dial_short_codes) {}
  const char* name() const noexcept override { return "geocrawl.dial"; }
  std::string message(int value) const override {
    switch (static_cast<dial_errc>(value)) {
      case dial_errc::dns:
        return "host name could not be resolved";
      case dial_errc::connect:
        return "connection could not be established";
      case dial_errc::timeout:
        return "timed out while connecting";
      case dial_errc::blocked_target:
        return "target address is not allowed";
      case dial_errc::proxy_connect:
        return "proxy could not be reached";
      case dial_errc::proxy_auth:
        return "proxy authentication failed";
      case dial_errc::proxy_refused:
        return "proxy refused the connection to the target";
      case dial_errc::proxy_protocol:
        return "proxy broke its protocol";
      case dial_errc::no_proxy_for_country:
        return "no verified proxy is available for the country";
    }
    return "unknown dial error";
  }
};

}  // namespace

const coded_category& dial_category() noexcept {
  static const dial_category_impl category;
  return category;
}

bool is_proxy_fault(dial_errc code) noexcept {
  return code == dial_errc::proxy_connect || code == dial_errc::proxy_auth ||
         code == dial_errc::proxy_protocol || code == dial_errc::timeout;
}

}  // namespace geocrawl
