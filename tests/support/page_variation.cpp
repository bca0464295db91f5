#include "tests/support/page_variation.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>

namespace geocrawl::testing {

namespace {

// Distinct streams for the token and the order, so a change in one leaves the other alone.
constexpr std::uint32_t token_stream = 0x746f6b65;
constexpr std::uint32_t order_stream = 0x6f726465;

std::string with_thousands(unsigned value) {
  std::string digits = std::to_string(value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(digits.begin() + at, ',');
  return digits;
}

}  // namespace

request_noise::request_noise(std::uint32_t request) : request_(request), pick_(request) {
  std::mt19937 random(request ^ token_stream);
  char hex[33];
  const unsigned words[4] = {unsigned(random()), unsigned(random()), unsigned(random()),
                             unsigned(random())};
  std::snprintf(hex, sizeof hex, "%08x%08x%08x%08x", words[0], words[1], words[2], words[3]);
  token_ = hex;
  // One request every 37 s from a fixed morning: the clock moves, the test stays reproducible.
  const unsigned seconds = 9 * 3600 + request * 37;
  char clock[32];
  std::snprintf(clock, sizeof clock, "2024-06-17 %02u:%02u:%02u", (seconds / 3600) % 24,
                (seconds / 60) % 60, seconds % 60);
  timestamp_ = clock;
}

std::vector<std::size_t> request_noise::order(std::size_t count) const {
  std::vector<std::size_t> indices(count);
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  std::mt19937 random(request_ ^ order_stream);
  std::shuffle(indices.begin(), indices.end(), random);
  return indices;
}

std::string html_page(std::string_view lang, std::string_view title, std::string_view head,
                      std::string_view body) {
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(lang) + "\">\n<head>\n" +
         std::string(head) +
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         std::string(title) +
         "</title>\n<link rel=\"stylesheet\" href=\"/css/style.css\">\n</head>\n<body>\n" +
         std::string(body) + "</body>\n</html>\n";
}

std::string price(unsigned yen, currency in) {
  if (in == currency::yen) return with_thousands(yen) + "円";
  const unsigned cents = (yen * 100 + 75) / 150;
  char dollars[32];
  std::snprintf(dollars, sizeof dollars, ".%02u", cents % 100);
  return "$" + with_thousands(cents / 100) + dollars;
}

}  // namespace geocrawl::testing
