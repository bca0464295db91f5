#pragma once
// What a browser in a country reports by default: the IANA time zone its clock runs in and the
// BCP 47 locale its language settings give. A rendered vantage with a country is emulated as
// such a browser unless its [[vantage]] sets time_zone or locale. Pure data.
#include <optional>
#include <string_view>

namespace geocrawl {

struct country_emulation {
  std::string_view time_zone;  // "Asia/Tokyo"
  std::string_view locale;     // "ja-JP"
};

// For an upper-case ISO 3166-1 alpha-2 code; nullopt for a country the table does not hold.
std::optional<country_emulation> emulation_for_country(std::string_view country) noexcept;

}  // namespace geocrawl
