#include "crawler/browser/browser_error.hpp"

#include <array>

namespace geocrawl {
namespace {

// In browser_errc's order: the short code of value v is at v - 1.
constexpr std::array<std::string_view, 6> browser_short_codes = {
    "browser_unavailable", "browser_launch",   "browser_crashed",
    "browser_timeout",     "browser_protocol", "unsupported_content"};
static_assert(browser_short_codes.size() ==
              static_cast<std::size_t>(browser_errc::unsupported_content));

class browser_category_impl final : public coded_category {
 public:
  constexpr browser_category_impl() noexcept : coded_category(browser_short_codes) {}
  const char* name() const noexcept override { return "geocrawl.browser"; }
  std::string message(int value) const override {
    switch (static_cast<browser_errc>(value)) {
      case browser_errc::unavailable:
        return "no browser available";
      case browser_errc::launch_failed:
        return "the browser did not start";
      case browser_errc::crashed:
        return "the browser crashed";
      case browser_errc::timeout:
        return "the page ran out of time in the browser";
      case browser_errc::protocol:
        return "the browser refused a DevTools command";
      case browser_errc::unsupported_content:
        return "content of this type is not rendered";
    }
    return "unknown browser error";
  }
};

}  // namespace

const coded_category& browser_category() noexcept {
  static const browser_category_impl category;
  return category;
}

}  // namespace geocrawl
