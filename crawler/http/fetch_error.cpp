#include "crawler/http/fetch_error.hpp"

#include <array>

#include "crawler/view/view_errc.hpp"

namespace geocrawl {
namespace {

// In fetch_errc's order: the short code of value v is at v - 1.
constexpr std::array<std::string_view, 7> fetch_short_codes = {
    "bad_url", "timeout", "tls", "http", "too_many_redirects", "redirect_loop", "decode",
};
static_assert(fetch_short_codes.size() == static_cast<std::size_t>(fetch_errc::decode));

class fetch_category_impl final : public coded_category {
 public:
  constexpr fetch_category_impl() noexcept : coded_category(fetch_short_codes) {}
  const char* name() const noexcept override { return "geocrawl.fetch"; }
  std::string message(int value) const override {
    switch (static_cast<fetch_errc>(value)) {
      case fetch_errc::bad_url:
        return "not a fetchable http(s) URL";
      case fetch_errc::timeout:
        return "timed out";
      case fetch_errc::tls:
        return "TLS handshake or certificate failure";
      case fetch_errc::http:
        return "malformed or unexpected HTTP response";
      case fetch_errc::too_many_redirects:
        return "too many redirects";
      case fetch_errc::redirect_loop:
        return "redirect loop";
      case fetch_errc::decode:
        return "content decoding failed";
    }
    return "unknown fetch error";
  }
};

}  // namespace

const coded_category& fetch_category() noexcept {
  static const fetch_category_impl category;
  return category;
}

std::optional<boost::system::error_code> parse_view_error_code(std::string_view word) noexcept {
  return parse_short_code(word, {&fetch_category(), &dial_category(), &view_category()});
}

}  // namespace geocrawl
