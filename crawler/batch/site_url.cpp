#include "crawler/batch/site_url.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

#include <unicode/utf8.h>

#include "parsers/ascii.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

namespace urls = boost::urls;

namespace {

using site_url_result = boost::system::result<site_url, std::string>;

constexpr std::size_t max_quoted_characters = 80;

site_url_result failure(std::string message) {
  return {boost::system::in_place_error, std::move(message)};
}

// `text` in quotes for a message: at most 80 characters, control characters and bytes
// that are not UTF-8 written as \xNN so the message stays printable.
std::string quoted(std::string_view text) {
  std::string out = "'";
  const auto size = static_cast<std::int32_t>(text.size());
  std::size_t shown = 0;
  for (std::int32_t i = 0; i < size; ++shown) {
    if (shown == max_quoted_characters) {
      out += "…";
      break;
    }
    const auto start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    if (c < 0x20 || c == 0x7f) {
      for (auto j = start; j < i; ++j) {
        char escaped[5];
        std::snprintf(escaped, sizeof escaped, "\\x%02X",
                      static_cast<unsigned char>(text[static_cast<std::size_t>(j)]));
        out += escaped;
      }
    } else {
      out += text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
  }
  return out + "'";
}

bool is_scheme_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.';
}

// "mailto:x" and "http://x" have a scheme; "example.com:8443/x" is a host and a port.
std::optional<std::string_view> scheme_of(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_ascii_alpha(text.front()))
    return std::nullopt;
  const auto name = text.substr(0, colon);
  if (!std::all_of(name.begin(), name.end(), is_scheme_char)) return std::nullopt;
  const auto rest = text.substr(colon + 1);
  const auto after_port = std::min(rest.find_first_not_of("0123456789"), rest.size());
  const bool port_follows =
      after_port == rest.size() ||
      std::string_view("/?#").find(rest[after_port]) != std::string_view::npos;
  if (port_follows && !rest.starts_with("//") && !equals_ignoring_ascii_case(name, "http") &&
      !equals_ignoring_ascii_case(name, "https")) {
    return std::nullopt;
  }
  return name;
}

// Where the user info would end: the last '@' before the path or query. A '#' does not end
// the search, so an unencoded '#' in a password ("user:p#ss@host") is found too.
std::optional<std::size_t> user_info_end(std::string_view text, std::size_t authority_begin) {
  const auto authority_end = std::min(text.find_first_of("/?\\", authority_begin), text.size());
  const auto at = text.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos || at < authority_begin) return std::nullopt;
  return at;
}

// WHATWG accepts "example.com,shop" as a host; in a sites file that is a CSV line saved
// as text, and no such name is in DNS.
bool is_dns_name(std::string_view host) {
  if (host.empty()) return false;
  std::size_t label_begin = 0;
  for (;;) {
    const auto dot = std::min(host.find('.', label_begin), host.size());
    const auto label = host.substr(label_begin, dot - label_begin);
    const bool valid = !label.empty() && std::all_of(label.begin(), label.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' || c == '_';
    });
    if (!valid) return false;
    if (dot == host.size()) return true;
    label_begin = dot + 1;
  }
}

enum class host_rule { any_name, needs_dot };

// parse_web_url's canonical form and this file's rules about hosts.
boost::system::result<std::string, std::string> canonical_site(std::string_view text,
                                                               std::string_view url_text,
                                                               host_rule rule) {
  using boost::system::in_place_error;
  auto parsed = parse_web_url(url_text);
  if (!parsed) {
    // parse_web_url quotes what it was given in full.
    if (url_text.size() <= max_quoted_characters) return {in_place_error, parsed.error()};
    return {in_place_error, quoted(text) + " is not a valid URL"};
  }
  auto& url = *parsed;
  if (url.host_type() == urls::host_type::name) {
    auto host = std::string(url.encoded_host());
    if (host.ends_with('.')) {
      host.pop_back();
      url.set_encoded_host_name(host);
    }
    if (!is_dns_name(host)) {
      return {in_place_error,
              quoted(text) + " does not name a valid host (letters, digits, '-' and '.')"};
    }
    if (rule == host_rule::needs_dot && host.find('.') == std::string::npos &&
        host != "localhost") {
      return {in_place_error,
              quoted(text) +
                  " is neither a URL nor a domain name (a domain has a dot, like example.com)"};
    }
  }
  return {boost::system::in_place_value, std::string(url.buffer())};
}

}  // namespace

site_url_result parse_site_url(std::string_view text) {
  text = trim_ascii_whitespace(text);
  if (text.empty()) return failure("no URL");

  // Checked before anything quotes the text: it may hold a password.
  const auto scheme = scheme_of(text);
  const bool web_scheme = scheme && (equals_ignoring_ascii_case(*scheme, "http") ||
                                     equals_ignoring_ascii_case(*scheme, "https"));
  const auto after_scheme = scheme ? scheme->size() + 1 : 0;
  const auto unsupported_scheme = [&] {
    return failure(quoted(std::string(*scheme) + ":") +
                   " URLs are not crawled, only http and https");
  };
  if (scheme && !web_scheme && text.substr(after_scheme).starts_with("//"))
    return unsupported_scheme();
  // "alice:secret@example.com" reads as a URL of scheme "alice": without "//" the text is
  // searched from its start, so "mailto:abuse@example.com" counts as user info too.
  const auto authority_begin =
      std::min(text.find_first_not_of("/\\", web_scheme ? after_scheme : 0), text.size());
  if (const auto at = user_info_end(text, authority_begin)) {
    const auto redacted =
        std::string(text.substr(0, authority_begin)) + "***" + std::string(text.substr(*at));
    return failure(
        quoted(redacted) +
        " has a user name or password before '@': credentials do not belong in a sites file");
  }
  if (scheme && !web_scheme) return unsupported_scheme();

  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return failure(quoted(text) + " contains a control character");
  }
  if (text.find(' ') != std::string_view::npos) {
    return failure(quoted(text) + " contains a space (a URL writes it as %20)");
  }

  if (scheme) {
    auto url = canonical_site(text, text, host_rule::any_name);
    if (!url) return failure(url.error());
    return site_url{std::move(*url), {}};
  }

  const auto https_text = "https://" + std::string(text);
  auto url = canonical_site(text, https_text, host_rule::needs_dot);
  if (!url) return failure(url.error());
  const auto http_text = "http://" + std::string(text);
  auto fallback = canonical_site(text, http_text, host_rule::needs_dot);
  if (!fallback) return failure(fallback.error());
  return site_url{std::move(*url), std::move(*fallback)};
}

}  // namespace geocrawl
