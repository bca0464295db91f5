#include "crawler/http/cookie_jar.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "crawler/domain/registrable_domain.hpp"

namespace geocrawl {

namespace {

// A hostile site can send thousands of cookies; browsers keep a bounded number too.
constexpr std::size_t max_cookies = 64;
constexpr std::size_t max_cookie_bytes = 4096;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool domain_matches(std::string_view host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

bool path_matches(std::string_view request_path, std::string_view cookie_path) {
  if (!request_path.starts_with(cookie_path)) return false;
  return request_path.size() == cookie_path.size() || cookie_path.ends_with('/') ||
         request_path[cookie_path.size()] == '/';
}

std::string default_path(std::string_view request_path) {
  const auto last_slash = request_path.rfind('/');
  if (!request_path.starts_with('/') || last_slash == 0) return "/";
  return std::string(request_path.substr(0, last_slash));
}

std::optional<int> leading_number(std::string_view token, std::size_t min_digits,
                                  std::size_t max_digits) {
  std::size_t digits = 0;
  while (digits < token.size() && std::isdigit(static_cast<unsigned char>(token[digits]))) ++digits;
  if (digits < min_digits || digits > max_digits) return std::nullopt;
  int value = 0;
  std::from_chars(token.data(), token.data() + digits, value);
  return value;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_cookie_date(std::string_view text) {
  static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  const auto is_delimiter = [](unsigned char c) {
    return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) ||
           (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
  };
  std::optional<int> hour, minute, second, day, month, year;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_delimiter(static_cast<unsigned char>(text[i]))) ++i;
    const auto start = i;
    while (i < text.size() && !is_delimiter(static_cast<unsigned char>(text[i]))) ++i;
    const auto token = text.substr(start, i - start);
    if (token.empty()) continue;
    if (!hour) {
      int h = 0, m = 0, s = 0;
      char extra = 0;
      if (std::sscanf(std::string(token).c_str(), "%2d:%2d:%2d%c", &h, &m, &s, &extra) >= 3) {
        hour = h, minute = m, second = s;
        continue;
      }
    }
    if (!day) {
      if ((day = leading_number(token, 1, 2))) continue;
    }
    if (!month && token.size() >= 3) {
      const auto prefix = lower(token.substr(0, 3));
      const auto found = std::find(std::begin(months), std::end(months), prefix);
      if (found != std::end(months)) {
        month = static_cast<int>(found - std::begin(months)) + 1;
        continue;
      }
    }
    if (!year) year = leading_number(token, 2, 4);
  }
  if (!hour || !day || !month || !year) return std::nullopt;
  if (*year >= 70 && *year <= 99) *year += 1900;
  if (*year >= 0 && *year <= 69) *year += 2000;
  if (*day < 1 || *day > 31 || *year < 1601 || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
         std::chrono::seconds(*second);
}

void cookie_jar::store(std::string_view set_cookie, const boost::urls::url_view& from,
                       time_point now) {
  if (set_cookie.size() > max_cookie_bytes) return;
  const auto first_semicolon = set_cookie.find(';');
  const auto pair = set_cookie.substr(0, first_semicolon);
  const auto equals = pair.find('=');
  if (equals == std::string_view::npos) return;
  cookie entry;
  entry.name = trim(pair.substr(0, equals));
  entry.value = trim(pair.substr(equals + 1));
  if (entry.name.empty()) return;

  const std::string host(from.encoded_host());
  entry.domain = host;
  entry.path = default_path(from.encoded_path());
  std::optional<time_point> max_age_expiry;
  auto attributes = first_semicolon == std::string_view::npos
                        ? std::string_view()
                        : set_cookie.substr(first_semicolon + 1);
  while (!attributes.empty()) {
    const auto end = attributes.find(';');
    const auto attribute = attributes.substr(0, end);
    attributes = end == std::string_view::npos ? std::string_view() : attributes.substr(end + 1);
    const auto attr_equals = attribute.find('=');
    const auto key = lower(trim(attribute.substr(0, attr_equals)));
    const auto value = attr_equals == std::string_view::npos
                           ? std::string_view()
                           : trim(attribute.substr(attr_equals + 1));
    if (key == "domain" && !value.empty()) {
      auto domain = lower(value.starts_with('.') ? value.substr(1) : value);
      if (!domain_matches(host, domain)) return;
      // RFC 6265 5.3 step 5: a cookie for a public suffix (co.jp) would reach every shop
      // registered under it, so it is refused; a host that is itself a suffix keeps it
      // host-only. A single label counts as one even when the list does not know it
      // ("example", "localhost"): no registry hands out names under it to one owner.
      if (is_public_suffix(domain) || domain.find('.') == std::string::npos) {
        if (domain != host) return;
        continue;
      }
      entry.domain = std::move(domain);
      entry.host_only = false;
    } else if (key == "path" && value.starts_with('/')) {
      entry.path = value;
    } else if (key == "secure") {
      entry.secure = true;
    } else if (key == "max-age") {
      long long seconds = 0;
      const auto parsed = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (parsed.ec == std::errc() && parsed.ptr == value.data() + value.size()) {
        seconds = std::clamp<long long>(seconds, -1, 400LL * 24 * 3600);
        max_age_expiry = now + std::chrono::seconds(seconds);
      }
    } else if (key == "expires") {
      if (auto date = parse_cookie_date(value)) entry.expires = date;
    }
  }
  if (max_age_expiry) entry.expires = max_age_expiry;  // Max-Age wins over Expires

  std::erase_if(cookies_, [&](const cookie& c) {
    return c.name == entry.name && c.domain == entry.domain && c.path == entry.path;
  });
  if (entry.expires && *entry.expires <= now) return;  // an expiry in the past deletes
  if (cookies_.size() >= max_cookies) cookies_.erase(cookies_.begin());
  cookies_.push_back(std::move(entry));
}

std::string cookie_jar::header_for(const boost::urls::url_view& to, time_point now) const {
  const std::string host(to.encoded_host());
  const std::string_view path =
      to.encoded_path().empty() ? "/" : std::string_view(to.encoded_path());
  const bool secure_channel = to.scheme() == "https";
  std::vector<const cookie*> matching;
  for (const auto& c : cookies_) {
    if (c.expires && *c.expires <= now) continue;
    if (c.host_only ? host != c.domain : !domain_matches(host, c.domain)) continue;
    if (!path_matches(path, c.path) || (c.secure && !secure_channel)) continue;
    matching.push_back(&c);
  }
  // RFC 6265 5.4: longer paths first; stable_sort keeps creation order among equals.
  std::stable_sort(matching.begin(), matching.end(), [](const cookie* a, const cookie* b) {
    return a->path.size() > b->path.size();
  });
  std::string header;
  for (const auto* c : matching) {
    if (!header.empty()) header += "; ";
    header += c->name + "=" + c->value;
  }
  return header;
}

}  // namespace geocrawl
