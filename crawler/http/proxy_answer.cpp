#include "crawler/http/proxy_answer.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

// Forward proxies users meet, as they name themselves in Server and Via. Not varnish, nginx or
// other reverse proxies: those stand in front of the origin, and their pages are the site's.
constexpr std::array<std::string_view, 5> proxy_software = {"tinyproxy", "squid", "privoxy",
                                                            "polipo", "3proxy"};

const std::string* field(const header_list& headers, std::string_view lower_name) {
  const auto found = std::find_if(headers.begin(), headers.end(), [&](const auto& header) {
    return equals_ignoring_ascii_case(header.first, lower_name);
  });
  return found == headers.end() ? nullptr : &found->second;
}

// The pieces of a field value between separators, trimmed; a separator inside a quoted string
// does not count (RFC 9110 §5.6.4), so a quoted details="a, b; c" stays whole.
std::vector<std::string_view> split_outside_quotes(std::string_view value,
                                                   std::string_view separators) {
  std::vector<std::string_view> pieces;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (quoted && value[i] == '\\') {
      ++i;
    } else if (value[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && separators.find(value[i]) != std::string_view::npos) {
      pieces.push_back(trim_ascii_whitespace(value.substr(start, i - start)));
      start = i + 1;
    }
  }
  pieces.push_back(trim_ascii_whitespace(value.substr(start)));
  return pieces;
}

// The error type of the first error= parameter in a Proxy-Status value (RFC 9209 §2.1.1).
std::optional<std::string_view> proxy_status_error(std::string_view value) {
  constexpr std::string_view key = "error=";
  for (const auto piece : split_outside_quotes(value, ",;")) {
    if (piece.starts_with(key)) return piece.substr(key.size());
  }
  return std::nullopt;
}

// A Server or Via value that names proxy software, or the proxy's host (alone or with a port).
bool names_proxy(std::string_view value, std::string_view proxy_host) {
  const bool software = std::any_of(proxy_software.begin(), proxy_software.end(), [&](auto name) {
    return contains_ignoring_ascii_case(value, name);
  });
  if (software) return true;
  for (const auto token : split_outside_quotes(value, " \t,()")) {
    if (token == proxy_host ||
        (token.starts_with(proxy_host) && token.substr(proxy_host.size()).starts_with(':')))
      return true;
  }
  return false;
}

std::string evidence(std::string_view name, std::string_view value) {
  return std::string(name) + ": " + std::string(value);
}

}  // namespace

std::optional<proxy_answer> proxy_own_answer(int status, const header_list& headers,
                                             std::string_view proxy_host) {
  if (const auto* value = field(headers, "proxy-status")) {
    if (const auto error = proxy_status_error(*value)) {
      return proxy_answer{proxy_answer_rule::proxy_status_error, evidence("Proxy-Status", *value),
                          error->starts_with("proxy_")};
    }
  }
  if (const auto* value = field(headers, "x-squid-error"))
    return proxy_answer{proxy_answer_rule::squid_error, evidence("X-Squid-Error", *value)};
  if (field(headers, "set-cookie")) return std::nullopt;  // the origin's doing
  const auto* server = field(headers, "server");
  if (status >= 400 && server && names_proxy(*server, proxy_host))
    return proxy_answer{proxy_answer_rule::proxy_server, evidence("Server", *server)};
  const auto* via = field(headers, "via");
  if ((status == 502 || status == 503 || status == 504) && !server && via &&
      names_proxy(*via, proxy_host))
    return proxy_answer{proxy_answer_rule::gateway_error_via_proxy, evidence("Via", *via)};
  return std::nullopt;
}

}  // namespace geocrawl
