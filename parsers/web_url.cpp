#include "parsers/web_url.hpp"

#include <memory>

#include <unicode/uidna.h>
#include <boost/url/parse.hpp>

#include "parsers/whatwg_ipv4.hpp"

namespace geocrawl {

namespace urls = boost::urls;

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Does what the WHATWG URL parser does before parsing proper: trims C0 controls and
// spaces, drops tabs and newlines, reads '\' as '/', and percent-encodes the bytes
// browsers encode, so that RFC 3986 parsing accepts what browsers accept.
std::string browser_escape(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);

  // Brackets delimit an IPv6 host inside the authority and are data after it.
  const auto scheme_end = text.find("://");
  std::size_t authority_begin = 0;
  if (text.starts_with("//")) {
    authority_begin = 2;
  } else if (scheme_end != std::string_view::npos && text.find_first_of("/?#") > scheme_end) {
    authority_begin = scheme_end + 3;
  }
  const auto authority_end =
      authority_begin == 0 ? 0
                           : std::min(text.find_first_of("/?#\\", authority_begin), text.size());

  static constexpr char hex_digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  bool in_fragment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    bool encode = byte < 0x21 || byte >= 0x7f ||
                  std::string_view("\"<>`{}|^").find(c) != std::string_view::npos;
    if (c == '%' && !(i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])))
      encode = true;
    if ((c == '[' || c == ']') && i >= authority_end) encode = true;
    if (c == '#') encode = std::exchange(in_fragment, true);
    if (c == '\\' && !in_fragment) {
      out += '/';
    } else if (encode) {
      out += '%';
      out += hex_digits[byte >> 4];
      out += hex_digits[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

using ascii_result = boost::system::result<std::string, std::string>;

template <class Result>
Result failure(std::string message);

// UTS #46 processing as the WHATWG "domain to ASCII" does it: lenient about hyphens
// and lengths, strict about disallowed code points.
ascii_result domain_to_ascii(const std::string& host) {
  static const std::unique_ptr<UIDNA, decltype(&uidna_close)> idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* handle = uidna_openUTS46(
        UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII, &status);
    return std::unique_ptr<UIDNA, decltype(&uidna_close)>(U_SUCCESS(status) ? handle : nullptr,
                                                          &uidna_close);
  }();
  if (!idna) return failure<ascii_result>("the IDNA converter is not available");

  constexpr std::uint32_t ignored_errors =
      UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG |
      UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;
  std::string ascii(host.size() * 4 + 64, '\0');
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  const auto length =
      uidna_nameToASCII_UTF8(idna.get(), host.data(), static_cast<int32_t>(host.size()),
                             ascii.data(), static_cast<int32_t>(ascii.size()), &info, &status);
  if (U_FAILURE(status) || (info.errors & ~ignored_errors) != 0) {
    return failure<ascii_result>("'" + host + "' is not a valid domain name");
  }
  ascii.resize(static_cast<std::size_t>(length));
  for (const char c : ascii) {
    if (std::string_view("\x7f #%/:<>?@[\\]^|").find(c) != std::string_view::npos ||
        static_cast<unsigned char>(c) < 0x20) {
      return failure<ascii_result>("'" + host + "' contains a character not allowed in a host");
    }
  }
  return ascii_result(boost::system::in_place_value, std::move(ascii));
}

// result<T, std::string> cannot tell a message from a value when T converts from text.
template <class Result>
Result failure(std::string message) {
  return Result(boost::system::in_place_error, std::move(message));
}

web_url_result canonicalize(urls::url url) {
  if (url.scheme_id() != urls::scheme::http && url.scheme_id() != urls::scheme::https) {
    return failure<web_url_result>("unsupported scheme '" + std::string(url.scheme()) +
                                   "': only http and https are fetched");
  }
  if (!url.has_authority() || url.encoded_host().empty())
    return failure<web_url_result>("the URL has no host");
  url.remove_userinfo();
  url.remove_fragment();

  switch (url.host_type()) {
    case urls::host_type::ipv6:
      break;
    case urls::host_type::ipv4:
      // Boost.URL 1.81 stops a host at a leading dotted quad: "1.2.3.4.5/x" parses as host
      // 1.2.3.4 with path ".5/x". A path after an authority always starts with '/', so
      // anything else is that misreading: refuse the URL rather than connect to 1.2.3.4.
      if (!url.encoded_path().empty() && !url.encoded_path().starts_with('/')) {
        return failure<web_url_result>("'" + std::string(url.encoded_host()) +
                                       std::string(url.encoded_path()) +
                                       "' is not a host geocrawl can parse");
      }
      [[fallthrough]];
    case urls::host_type::name: {
      auto ascii = domain_to_ascii(url.encoded_host().decode());
      if (!ascii) return failure<web_url_result>(ascii.error());
      const auto numeric = parse_whatwg_ipv4(*ascii);
      if (numeric.kind == ipv4_host_kind::invalid) {
        return failure<web_url_result>("'" + *ascii +
                                       "' looks like an IPv4 address but is not a valid one");
      }
      if (numeric.kind == ipv4_host_kind::address) {
        url.set_host_ipv4(urls::ipv4_address(numeric.address));
      } else {
        url.set_encoded_host_name(*ascii);
      }
      break;
    }
    default:
      return failure<web_url_result>("unsupported host '" + std::string(url.encoded_host()) + "'");
  }

  if (url.has_port()) {
    const auto port = url.port();
    if (!port.empty() && (port.size() > 5 || std::stoul(std::string(port)) > 65535)) {
      return failure<web_url_result>("port " + std::string(port) + " is out of range");
    }
    const auto default_port = url.scheme_id() == urls::scheme::https ? 443 : 80;
    if (port.empty() || url.port_number() == default_port) url.remove_port();
  }
  url.normalize();
  // set_path("/") gives "/./" in Boost.URL 1.81; making the empty path absolute gives "/".
  if (url.encoded_path().empty()) url.set_path_absolute(true);
  return url;
}

// Boost.URL's own words ("mismatch", "need more") say where its grammar stopped, not what
// the person got wrong; the commonest mistake is a URL written without its scheme.
std::string why_not_a_url(std::string_view text) {
  const auto quoted = "'" + std::string(text) + "'";
  if (text.find("://") == std::string_view::npos)
    return quoted + ": no scheme; did you mean http://" + std::string(text) + "?";
  return quoted + " is not a valid URL: check the host name and the port";
}

}  // namespace

web_url_result parse_web_url(std::string_view text) {
  const auto escaped = browser_escape(text);
  auto parsed = urls::parse_uri(escaped);
  if (!parsed) return failure<web_url_result>(why_not_a_url(text));
  return canonicalize(urls::url(*parsed));
}

web_url_result resolve_web_url(const urls::url_view& base, std::string_view reference) {
  const auto escaped = browser_escape(reference);
  auto parsed = urls::parse_uri_reference(escaped);
  if (!parsed) {
    return failure<web_url_result>("'" + std::string(reference) +
                                   "' is not a URL reference: " + parsed.error().message());
  }
  urls::url resolved;
  if (auto ok = urls::resolve(base, *parsed, resolved); !ok) {
    return failure<web_url_result>("cannot resolve '" + std::string(reference) +
                                   "': " + ok.error().message());
  }
  return canonicalize(std::move(resolved));
}

std::string connect_host(const urls::url_view& url) {
  if (url.host_type() == urls::host_type::ipv6) return url.host_ipv6_address().to_string();
  return std::string(url.encoded_host());
}

std::uint16_t connect_port(const urls::url_view& url) {
  if (url.has_port() && !url.port().empty()) return url.port_number();
  return url.scheme_id() == urls::scheme::https ? 443 : 80;
}

}  // namespace geocrawl
