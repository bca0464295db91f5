#include "parsers/phone_numbers.hpp"

#include <algorithm>
#include <array>

#include "parsers/ascii.hpp"
#include "parsers/byte_set_search.hpp"

namespace geocrawl {

namespace {

// Byte length of a separator at `pos`, 0 when none starts there.
std::size_t separator_at(std::string_view text, std::size_t pos) {
  const char c = text[pos];
  if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') return 1;
  const auto rest = text.substr(pos);
  for (const std::string_view dash :
       {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u30fc", "\u301c"}) {
    if (rest.starts_with(dash)) return dash.size();
  }
  return 0;
}

struct calling_code {
  std::string_view country;
  std::string_view code;
  std::string_view trunk;  // the national prefix dropped in international form
};

// The countries this trade targets most, by the ITU's assignments (E.164 Annex to ITU
// Operational Bulletin). Italy keeps its leading 0 in international form, so it has no trunk.
constexpr std::array<calling_code, 30> calling_codes = {{
    {"AU", "61", "0"}, {"BR", "55", "0"},  {"CA", "1", "1"},   {"CH", "41", "0"}, {"CN", "86", "0"},
    {"DE", "49", "0"}, {"ES", "34", ""},   {"FR", "33", "0"},  {"GB", "44", "0"}, {"HK", "852", ""},
    {"ID", "62", "0"}, {"IE", "353", "0"}, {"IN", "91", "0"},  {"IT", "39", ""},  {"JP", "81", "0"},
    {"KR", "82", "0"}, {"MX", "52", ""},   {"MY", "60", "0"},  {"NL", "31", "0"}, {"NZ", "64", "0"},
    {"PH", "63", "0"}, {"PL", "48", ""},   {"RU", "7", "8"},   {"SE", "46", "0"}, {"SG", "65", ""},
    {"TH", "66", "0"}, {"TR", "90", "0"},  {"TW", "886", "0"}, {"US", "1", "1"},  {"VN", "84", "0"},
}};

struct language_country {
  std::string_view language;
  std::string_view country;
};

// Languages spoken as the main one in one country of the table above.
constexpr std::array<language_country, 10> single_country_languages = {{
    {"ja", "JP"},
    {"ko", "KR"},
    {"th", "TH"},
    {"vi", "VN"},
    {"id", "ID"},
    {"pl", "PL"},
    {"tr", "TR"},
    {"it", "IT"},
    {"sv", "SE"},
    {"ms", "MY"},
}};

// The run of digits and separators at `pos`, digits only, and whether it had a separator.
struct digit_run {
  std::string digits;
  std::size_t end = 0;
  bool separated = false;
  bool grouped_334 = false;
};

digit_run read_run(std::string_view text, std::size_t pos) {
  digit_run run;
  std::string groups;  // each group's length, as digits
  std::size_t group = 0;
  std::size_t last_digit_end = pos;
  while (pos < text.size() && run.digits.size() <= 15) {
    if (is_ascii_digit(text[pos])) {
      run.digits += text[pos++];
      ++group;
      last_digit_end = pos;
      continue;
    }
    const auto separator = separator_at(text, pos);
    if (separator == 0) break;
    // Two separators in a row other than ") " or " (" end the number: "1 - 2" is arithmetic.
    if (group == 0 && !run.digits.empty() && text[pos] != '(' && text[pos - 1] != ')') break;
    if (group > 0) groups += static_cast<char>('0' + std::min<std::size_t>(group, 9));
    group = 0;
    run.separated = true;
    pos += separator;
  }
  if (group > 0) groups += static_cast<char>('0' + std::min<std::size_t>(group, 9));
  run.end = last_digit_end;
  run.grouped_334 = groups == "334";
  return run;
}

}  // namespace

void find_phone_numbers(std::string_view text, identifier_collector& out) {
  byte_set_search openers(text, "+(0123456789");
  for (std::size_t pos = openers.next(0); pos < text.size(); pos = openers.next(pos)) {
    const bool plus = text[pos] == '+';
    const auto start = plus ? pos + 1 : pos;
    const bool opens = start < text.size() && (is_ascii_digit(text[start]) || text[start] == '(');
    if (!opens || (pos > 0 && (is_ascii_alpha(text[pos - 1]) || is_ascii_digit(text[pos - 1]) ||
                               text[pos - 1] == '+'))) {
      ++pos;
      continue;
    }
    auto run = read_run(text, start);
    const bool ends_clean =
        run.end >= text.size() || !(is_ascii_alpha(text[run.end]) || is_ascii_digit(text[run.end]));
    const auto count = run.digits.size();
    if (plus && ends_clean && count >= 8 && count <= 15) {
      // "+81 (0)3 ...": the trunk 0 written in brackets is not dialled from abroad.
      const auto trunk = text.substr(start, run.end - start).find("(0)");
      if (trunk != std::string_view::npos) {
        const auto digits_before = static_cast<std::size_t>(std::count_if(
            text.begin() + static_cast<std::ptrdiff_t>(start),
            text.begin() + static_cast<std::ptrdiff_t>(start + trunk), is_ascii_digit));
        run.digits.erase(digits_before, 1);
      }
      out.add(identifier_kind::phone, "+" + run.digits);
    } else if (!plus && ends_clean && run.separated &&
               ((run.digits.front() == '0' && count >= 9 && count <= 12) ||
                (count == 10 && run.grouped_334))) {
      out.add(identifier_kind::phone, run.digits);
    }
    pos = std::max(run.end, pos + 1);
  }
}

std::optional<std::string> phone_from_tel(std::string_view tel) {
  std::string digits;
  const bool plus = !trim_ascii_whitespace(tel).empty() && trim_ascii_whitespace(tel)[0] == '+';
  for (const char c : tel) {
    if (c == ';' || c == '?') break;  // tel:+1-201-555-0123;ext=1234
    if (is_ascii_digit(c)) digits += c;
  }
  if (digits.size() < 7 || digits.size() > 15) return std::nullopt;
  return plus ? "+" + digits : digits;
}

std::string to_e164(std::string_view number, std::string_view country) {
  if (number.starts_with('+')) return std::string(number);
  const auto known = std::find_if(calling_codes.begin(), calling_codes.end(),
                                  [&](const calling_code& c) { return c.country == country; });
  if (known == calling_codes.end()) return std::string(number);
  auto national = number;
  if (!known->trunk.empty() && national.starts_with(known->trunk)) {
    national.remove_prefix(known->trunk.size());
  }
  return "+" + std::string(known->code) + std::string(national);
}

std::string phone_country(std::string_view lang, std::string_view exit_country) {
  lang = trim_ascii_whitespace(lang);
  const auto dash = lang.find_first_of("-_");
  if (dash != std::string_view::npos) {
    const auto region = lang.substr(dash + 1, 2);
    if (region.size() == 2 && is_ascii_alpha(region[0]) && is_ascii_alpha(region[1]) &&
        (dash + 3 == lang.size() || lang[dash + 3] == '-' || lang[dash + 3] == '_')) {
      std::string upper(region);
      for (auto& c : upper) c = static_cast<char>(c >= 'a' ? c - 0x20 : c);
      return upper;
    }
  }
  const auto language = ascii_lowercase(lang.substr(0, dash));
  for (const auto& entry : single_country_languages) {
    if (entry.language == language) return std::string(entry.country);
  }
  return std::string(exit_country);
}

}  // namespace geocrawl
