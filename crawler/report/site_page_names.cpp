#include "crawler/report/site_page_names.hpp"

#include "crawler/view/sha256.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

constexpr std::size_t max_readable_bytes = 80;
constexpr std::size_t hash_hex_digits = 8;

// The URL without its scheme, lower-case, every byte outside [a-z0-9.-] a '_', runs of '_'
// and '.' kept short so no ".." survives.
std::string readable_part(std::string_view url) {
  if (auto scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    url.remove_prefix(scheme_end + 3);
  }
  std::string out;
  for (char c : url) {
    if (out.size() == max_readable_bytes) break;
    char lower = to_ascii_lower(c);
    bool keep =
        is_ascii_digit(lower) || (lower >= 'a' && lower <= 'z') || lower == '-' || lower == '.';
    char next = keep ? lower : '_';
    bool separator = next == '_' || next == '.';
    if (separator && !out.empty() && (out.back() == '_' || out.back() == '.')) continue;
    out += next;
  }
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  while (!out.empty() && (out.front() == '_' || out.front() == '.' || out.front() == '-')) {
    out.erase(0, 1);
  }
  return out.empty() ? "site" : out;
}

}  // namespace

std::string site_page_name(std::string_view url) {
  return readable_part(url) + "-" + sha256_hex(url).substr(0, hash_hex_digits) + ".html";
}

std::string site_page_names::claim(std::string_view url) {
  auto name = site_page_name(url);
  auto stem = name.substr(0, name.size() - std::string_view(".html").size());
  for (int copy = 2; !taken_.insert(name).second; ++copy) {
    name = stem + "-" + std::to_string(copy) + ".html";
  }
  return name;
}

}  // namespace geocrawl
