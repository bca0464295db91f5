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
  }
  return "unknown";
}

}  // namespace geocrawl
