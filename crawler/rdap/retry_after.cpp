#include "crawler/rdap/retry_after.hpp"

#include <array>
#include <charconv>

namespace geocrawl {

namespace {

using namespace std::chrono;

// Longer than any server means: a bigger delta is garbage, not a plan.
constexpr seconds longest_delta{86'400};

constexpr std::array<std::string_view, 7> day_names{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Exactly `digits` ASCII digits at `at`, as a number.
std::optional<int> number_at(std::string_view text, std::size_t at, std::size_t digits) {
  int value = 0;
  const auto* first = text.data() + at;
  const auto [stop, error] = std::from_chars(first, first + digits, value);
  if (error != std::errc() || stop != first + digits || *first == '-') return std::nullopt;
  return value;
}

template <std::size_t n>
std::optional<unsigned> index_of(const std::array<std::string_view, n>& names,
                                 std::string_view name) {
  for (unsigned i = 0; i < n; ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<system_clock::time_point> parse_imf_fixdate(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, every separator in its place.
  constexpr std::string_view shape = "Ddd, DD Mmm YYYY HH:MM:SS GMT";
  if (text.size() != shape.size()) return std::nullopt;
  for (const std::size_t at : {3, 4, 7, 11, 16, 19, 22, 25}) {
    if (text[at] != shape[at]) return std::nullopt;
  }
  if (text.substr(26) != "GMT") return std::nullopt;
  const auto weekday_index = index_of(day_names, text.substr(0, 3));
  const auto month_index = index_of(month_names, text.substr(8, 3));
  const auto day_number = number_at(text, 5, 2);
  const auto year_number = number_at(text, 12, 4);
  const auto hour = number_at(text, 17, 2);
  const auto minute = number_at(text, 20, 2);
  const auto second = number_at(text, 23, 2);
  if (!weekday_index || !month_index || !day_number || !year_number || !hour || !minute || !second)
    return std::nullopt;
  // 60 is a leap second (§5.6.7 allows it); it is read as the next second.
  if (*hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  const year_month_day date{year{*year_number}, month{*month_index + 1},
                            day{static_cast<unsigned>(*day_number)}};
  if (!date.ok()) return std::nullopt;
  const sys_days days(date);
  if (weekday(days) != weekday(*weekday_index)) return std::nullopt;
  return system_clock::time_point(days + hours(*hour) + minutes(*minute) + seconds(*second));
}

std::optional<milliseconds> retry_after_wait(std::string_view value, system_clock::time_point now) {
  long long delta = 0;
  const auto* end = value.data() + value.size();
  const auto [stop, error] = std::from_chars(value.data(), end, delta);
  if (error == std::errc() && stop == end) {
    if (delta < 0 || seconds(delta) > longest_delta) return std::nullopt;
    return duration_cast<milliseconds>(seconds(delta));
  }
  const auto until = parse_imf_fixdate(value);
  if (!until) return std::nullopt;
  // A date already past says the server will take a request now.
  return *until <= now ? milliseconds(0) : ceil<milliseconds>(*until - now);
}

}  // namespace geocrawl
