#include "parsers/payment_hosts.hpp"

#include "parsers/ascii.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

std::string absolute_host(std::string_view url) {
  url = trim_ascii_whitespace(url);
  const bool scheme_relative = url.starts_with("//");
  const bool absolute =
      url.size() > 7 &&
      (equals_ignoring_ascii_case(url.substr(0, 7), "http://") ||
       (url.size() > 8 && equals_ignoring_ascii_case(url.substr(0, 8), "https://")));
  if (!scheme_relative && !absolute) return {};
  const auto parsed =
      parse_web_url(scheme_relative ? "https:" + std::string(url) : std::string(url));
  if (!parsed) return {};
  return ascii_lowercase(parsed->encoded_host());
}

bool is_payment_script_host(std::string_view host) {
  for (const std::string_view word : {"pay", "checkout", "billing", "gateway", "merchant"}) {
    if (contains_ignoring_ascii_case(host, word)) return true;
  }
  return false;
}

}  // namespace geocrawl
