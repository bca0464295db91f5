#include "proxies/dial_error.hpp"

namespace geocrawl {
namespace {

class dial_category_impl final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "geocrawl.dial"; }
  std::string message(int value) const override {
    switch (static_cast<dial_errc>(value)) {
      case dial_errc::dns: return "host name could not be resolved";
      case dial_errc::connect: return "connection could not be established";
      case dial_errc::timeout: return "timed out while connecting";
      case dial_errc::blocked_target: return "target address is not allowed";
      case dial_errc::proxy_connect: return "proxy could not be reached";
      case dial_errc::proxy_auth: return "proxy authentication failed";
      case dial_errc::proxy_refused: return "proxy refused the connection to the target";
      case dial_errc::proxy_protocol: return "proxy broke its protocol";
      case dial_errc::no_proxy_for_country: return "no verified proxy is available for the country";
    }
    return "unknown dial error";
  }
};

}  // namespace

const boost::system::error_category& dial_category() noexcept {
  static const dial_category_impl category;
  return category;
}

std::string_view short_code(dial_errc code) noexcept {
  switch (code) {
    case dial_errc::dns: return "dns";
    case dial_errc::connect: return "connect";
    case dial_errc::timeout: return "timeout";
    case dial_errc::blocked_target: return "blocked_target";
    case dial_errc::proxy_connect: return "proxy_connect";
    case dial_errc::proxy_auth: return "proxy_auth";
    case dial_errc::proxy_refused: return "proxy_refused";
    case dial_errc::proxy_protocol: return "proxy_protocol";
    case dial_errc::no_proxy_for_country: return "no_proxy_for_country";
  }
  return "unknown";
}

bool is_proxy_fault(dial_errc code) noexcept {
  return code == dial_errc::proxy_connect || code == dial_errc::proxy_auth ||
         code == dial_errc::proxy_protocol || code == dial_errc::timeout;
}

}  // namespace geocrawl
