#include "crawler/view/redirect_kind.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_kinds{redirect_kind::location, redirect_kind::refresh_header,
                               redirect_kind::meta_refresh};

}  // namespace

std::string_view to_string(redirect_kind kind) noexcept {
  switch (kind) {
    case redirect_kind::location:
      return "location";
    case redirect_kind::refresh_header:
      return "refresh_header";
    case redirect_kind::meta_refresh:
      return "meta_refresh";
  }
  return "unknown";
}

std::string_view to_string(const std::optional<redirect_kind>& kind) noexcept {
  return kind ? to_string(*kind) : "";
}

std::optional<redirect_kind> parse_redirect_kind(std::string_view word) noexcept {
  for (const auto kind : all_kinds) {
    if (to_string(kind) == word) return kind;
  }
  return std::nullopt;
}

}  // namespace geocrawl
