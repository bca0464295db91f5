#include "crawler/config/country_emulation.hpp"

#include <algorithm>
#include <array>

namespace geocrawl {
namespace {

struct country_row {
  std::string_view country;
  country_emulation emulation;
};

// Sources: the time zone is the zone IANA's tz database (zone1970.tab / zone.tab) lists for the
// country, and for a country with several the one of its most populous region (US: New York,
// RU: Moscow, BR: São Paulo, CA: Toronto, AU: Sydney, MX: Mexico City, ID: Jakarta, KZ:
// Almaty, CN: Shanghai, the zone of all of China's standard time). The locale is CLDR's likely
// language of the territory (likelySubtags: und-JP -> ja-Jpan-JP) written as language-REGION;
// for India the browser default of its largest online population, English. Sorted by country,
// for the binary search; every row is checked by the unit test.
constexpr std::array<country_row, 58> table = {{
    {"AE", {"Asia/Dubai", "ar-AE"}},          {"AR", {"America/Argentina/Buenos_Aires", "es-AR"}},
    {"AT", {"Europe/Vienna", "de-AT"}},       {"AU", {"Australia/Sydney", "en-AU"}},
    {"BD", {"Asia/Dhaka", "bn-BD"}},          {"BE", {"Europe/Brussels", "nl-BE"}},
    {"BR", {"America/Sao_Paulo", "pt-BR"}},   {"CA", {"America/Toronto", "en-CA"}},
    {"CH", {"Europe/Zurich", "de-CH"}},       {"CL", {"America/Santiago", "es-CL"}},
    {"CN", {"Asia/Shanghai", "zh-CN"}},       {"CO", {"America/Bogota", "es-CO"}},
    {"CZ", {"Europe/Prague", "cs-CZ"}},       {"DE", {"Europe/Berlin", "de-DE"}},
    {"DK", {"Europe/Copenhagen", "da-DK"}},   {"DZ", {"Africa/Algiers", "ar-DZ"}},
    {"EG", {"Africa/Cairo", "ar-EG"}},        {"ES", {"Europe/Madrid", "es-ES"}},
    {"FI", {"Europe/Helsinki", "fi-FI"}},     {"FR", {"Europe/Paris", "fr-FR"}},
    {"GB", {"Europe/London", "en-GB"}},       {"GR", {"Europe/Athens", "el-GR"}},
    {"HK", {"Asia/Hong_Kong", "zh-HK"}},      {"HU", {"Europe/Budapest", "hu-HU"}},
    {"ID", {"Asia/Jakarta", "id-ID"}},        {"IE", {"Europe/Dublin", "en-IE"}},
    {"IL", {"Asia/Jerusalem", "he-IL"}},      {"IN", {"Asia/Kolkata", "en-IN"}},
    {"IR", {"Asia/Tehran", "fa-IR"}},         {"IT", {"Europe/Rome", "it-IT"}},
    {"JP", {"Asia/Tokyo", "ja-JP"}},          {"KR", {"Asia/Seoul", "ko-KR"}},
    {"KZ", {"Asia/Almaty", "kk-KZ"}},         {"MA", {"Africa/Casablanca", "ar-MA"}},
    {"MX", {"America/Mexico_City", "es-MX"}}, {"MY", {"Asia/Kuala_Lumpur", "ms-MY"}},
    {"NG", {"Africa/Lagos", "en-NG"}},        {"NL", {"Europe/Amsterdam", "nl-NL"}},
    {"NO", {"Europe/Oslo", "nb-NO"}},         {"NZ", {"Pacific/Auckland", "en-NZ"}},
    {"PE", {"America/Lima", "es-PE"}},        {"PH", {"Asia/Manila", "en-PH"}},
    {"PK", {"Asia/Karachi", "ur-PK"}},        {"PL", {"Europe/Warsaw", "pl-PL"}},
    {"PT", {"Europe/Lisbon", "pt-PT"}},       {"RO", {"Europe/Bucharest", "ro-RO"}},
    {"RU", {"Europe/Moscow", "ru-RU"}},       {"SA", {"Asia/Riyadh", "ar-SA"}},
    {"SE", {"Europe/Stockholm", "sv-SE"}},    {"SG", {"Asia/Singapore", "en-SG"}},
    {"TH", {"Asia/Bangkok", "th-TH"}},        {"TR", {"Europe/Istanbul", "tr-TR"}},
    {"TW", {"Asia/Taipei", "zh-TW"}},         {"UA", {"Europe/Kyiv", "uk-UA"}},
    {"US", {"America/New_York", "en-US"}},    {"VA", {"Europe/Vatican", "it-VA"}},
    {"VN", {"Asia/Ho_Chi_Minh", "vi-VN"}},    {"ZA", {"Africa/Johannesburg", "en-ZA"}},
}};
static_assert(std::is_sorted(table.begin(), table.end(),
                             [](const country_row& a, const country_row& b) {
                               return a.country < b.country;
                             }));

}  // namespace

std::optional<country_emulation> emulation_for_country(std::string_view country) noexcept {
  const auto found = std::lower_bound(
      table.begin(), table.end(), country,
      [](const country_row& row, std::string_view key) { return row.country < key; });
  if (found == table.end() || found->country != country) return std::nullopt;
  return found->emulation;
}

}  // namespace geocrawl
