#pragma once
// How a redirect chain went on from a response. The words are stable: they are written to
// JSON and SQLite (view_redirects.next).
#include <optional>
#include <string_view>

namespace geocrawl {

enum class redirect_kind {
  location,        // a 3xx status with a Location header
  refresh_header,  // a Refresh header on a 2xx page
  meta_refresh,    // a <meta http-equiv=refresh> on a 2xx HTML page
};

std::string_view to_string(redirect_kind kind) noexcept;
// "" for none (the chain's last response), which JSON writes as null and SQLite as NULL.
std::string_view to_string(const std::optional<redirect_kind>& kind) noexcept;
// The kind a word names, as to_string writes it; nullopt for any other word.
std::optional<redirect_kind> parse_redirect_kind(std::string_view word) noexcept;

}  // namespace geocrawl
