#include "crawler/view/render_errc.hpp"

#include <array>

namespace geocrawl {
namespace {

// In render_errc's order: the short code of value v is at v - 1.
constexpr std::array<std::string_view, 7> render_short_codes = {
    "render_unavailable", "render_crashed",     "render_timeout", "render_memory",
    "render_targets",     "render_load_failed", "render_protocol"};
static_assert(render_short_codes.size() == static_cast<std::size_t>(render_errc::protocol));

class render_category_impl final : public coded_category {
 public:
  constexpr render_category_impl() noexcept : coded_category(render_short_codes) {}
  const char* name() const noexcept override { return "geocrawl.render"; }
  std::string message(int value) const override {
    switch (static_cast<render_errc>(value)) {
      case render_errc::unavailable:
        return "no browser could be started";
      case render_errc::crashed:
        return "the browser or the page's renderer crashed";
      case render_errc::timeout:
        return "the page did not finish rendering in time";
      case render_errc::memory:
        return "the page ran out of memory in the browser";
      case render_errc::targets:
        return "the page asked for too many windows";
      case render_errc::load_failed:
        return "the browser could not load the page";
      case render_errc::protocol:
        return "the browser refused a DevTools command";
    }
    return "unknown render error";
  }
};

}  // namespace

const coded_category& render_category() noexcept {
  static const render_category_impl category;
  return category;
}

bool is_browser_failure(render_errc code) noexcept {
  switch (code) {
    case render_errc::unavailable:
    case render_errc::crashed:
    case render_errc::protocol:
      return true;
    case render_errc::timeout:
    case render_errc::memory:
    case render_errc::targets:
    case render_errc::load_failed:
      return false;
  }
  return true;
}

bool is_browser_failure(const boost::system::error_code& code) noexcept {
  return code.category() == render_category() &&
         is_browser_failure(static_cast<render_errc>(code.value()));
}

}  // namespace geocrawl
