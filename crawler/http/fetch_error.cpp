#include "crawler/http/fetch_error.hpp"

namespace geocrawl {
namespace {

class fetch_category_impl final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "geocrawl.fetch"; }
  std::string message(int value) const override {
    switch (static_cast<fetch_errc>(value)) {
      case fetch_errc::bad_url: return "not a fetchable http(s) URL";
      case fetch_errc::timeout: return "timed out";
      case fetch_errc::tls: return "TLS handshake or certificate failure";
      case fetch_errc::http: return "malformed or unexpected HTTP response";
      case fetch_errc::too_many_redirects: return "too many redirects";
      case fetch_errc::redirect_loop: return "redirect loop";
      case fetch_errc::decode: return "content decoding failed";
    }
    return "unknown fetch error";
  }
};

}  // namespace

const boost::system::error_category& fetch_category() noexcept {
  static const fetch_category_impl category;
  return category;
}

std::string_view short_code(fetch_errc code) noexcept {
  switch (code) {
    case fetch_errc::bad_url: return "bad_url";
    case fetch_errc::timeout: return "timeout";
    case fetch_errc::tls: return "tls";
    case fetch_errc::http: return "http";
    case fetch_errc::too_many_redirects: return "too_many_redirects";
    case fetch_errc::redirect_loop: return "redirect_loop";
    case fetch_errc::decode: return "decode";
  }
  return "unknown";
}

}  // namespace geocrawl
