#include "crawler/view/view_errc.hpp"

#include <array>

namespace geocrawl {
namespace {

// In view_errc's order: the short code of value v is at v - 1.
constexpr std::array<std::string_view, 1> view_short_codes = {"internal"};
static_assert(view_short_codes.size() == static_cast<std::size_t>(view_errc::internal));

class view_category_impl final : public coded_category {
 public:
  constexpr view_category_impl() noexcept : coded_category(view_short_codes) {}
  const char* name() const noexcept override { return "geocrawl.view"; }
  std::string message(int value) const override {
    switch (static_cast<view_errc>(value)) {
      case view_errc::internal:
        return "internal error";
    }
    return "unknown view error";
  }
};

}  // namespace

const coded_category& view_category() noexcept {
  static const view_category_impl category;
  return category;
}

}  // namespace geocrawl
