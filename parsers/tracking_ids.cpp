#include "parsers/tracking_ids.hpp"

#include <string>

#include "parsers/ascii.hpp"

namespace geocrawl {

namespace {

bool is_upper_alnum(char c) { return is_ascii_digit(c) || (c >= 'A' && c <= 'Z'); }
bool is_word(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_'; }

// The run of characters `accept` takes at `pos`, when its length is within [least, most] and
// the run ends there (a longer run is another thing, not a prefix of an ID).
template <typename Accept>
std::string_view run_at(std::string_view text, std::size_t pos, std::size_t least, std::size_t most,
                        Accept accept) {
  std::size_t end = pos;
  while (end < text.size() && accept(text[end])) ++end;
  const auto length = end - pos;
  if (length < least || length > most) return {};
  return text.substr(pos, length);
}

std::string_view digits_at(std::string_view text, std::size_t pos, std::size_t least,
                           std::size_t most) {
  return run_at(text, pos, least, most, is_ascii_digit);
}

// Every occurrence of `prefix` that starts a token (no letter, digit or '_' before it).
template <typename Each>
void each_token(std::string_view text, std::string_view prefix, Each each) {
  for (auto at = text.find(prefix); at != std::string_view::npos; at = text.find(prefix, at + 1)) {
    if (at > 0 && is_word(text[at - 1])) continue;
    each(at + prefix.size());
  }
}

// Every occurrence of `marker` anywhere, for URL paths and function names whose number
// follows directly.
template <typename Each>
void each_after(std::string_view text, std::string_view marker, Each each) {
  for (auto at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
    each(at + marker.size());
  }
}

std::size_t skip_spaces_and_quotes(std::string_view text, std::size_t pos) {
  while (pos < text.size() &&
         (is_ascii_whitespace(text[pos]) || text[pos] == '\'' || text[pos] == '"'))
    ++pos;
  return pos;
}

void google_ids(std::string_view code, identifier_collector& out) {
  each_token(code, "UA-", [&](std::size_t pos) {
    const auto account = digits_at(code, pos, 4, 10);
    if (account.empty()) return;
    const auto after = pos + account.size();
    if (after >= code.size() || code[after] != '-') return;
    const auto property = digits_at(code, after + 1, 1, 4);
    if (property.empty()) return;
    out.add(identifier_kind::ga_ua, "UA-" + std::string(account) + "-" + std::string(property));
  });
  each_token(code, "G-", [&](std::size_t pos) {
    const auto id = run_at(code, pos, 8, 12, is_upper_alnum);
    if (!id.empty() && (pos + id.size() == code.size() || !is_word(code[pos + id.size()])))
      out.add(identifier_kind::ga4, "G-" + std::string(id));
  });
  each_token(code, "GTM-", [&](std::size_t pos) {
    const auto id = run_at(code, pos, 4, 9, is_upper_alnum);
    if (!id.empty() && (pos + id.size() == code.size() || !is_word(code[pos + id.size()])))
      out.add(identifier_kind::gtm, "GTM-" + std::string(id));
  });
  each_token(code, "ca-pub-", [&](std::size_t pos) {
    const auto id = digits_at(code, pos, 10, 20);
    if (!id.empty()) out.add(identifier_kind::adsense, "ca-pub-" + std::string(id));
  });
}

void yandex_ids(std::string_view code, identifier_collector& out) {
  const auto counter = [&](std::size_t pos) {
    const auto id = digits_at(code, pos, 5, 12);
    if (!id.empty()) out.add(identifier_kind::yandex_metrica, std::string(id));
  };
  // The snippet's ym(12345678, "init", ...), the old yaCounter12345678 object and the
  // <noscript> pixel mc.yandex.ru/watch/12345678.
  each_token(code, "ym(", [&](std::size_t pos) { counter(skip_spaces_and_quotes(code, pos)); });
  each_token(code, "yaCounter", counter);
  each_after(code, "mc.yandex.ru/watch/", counter);
}

void meta_pixel_ids(std::string_view code, identifier_collector& out) {
  const auto pixel = [&](std::size_t pos) {
    const auto id = digits_at(code, pos, 10, 20);
    if (!id.empty()) out.add(identifier_kind::meta_pixel, std::string(id));
  };
  // fbq('init', '123456789012345') as the pixel's snippet writes it.
  each_token(code, "fbq(", [&](std::size_t pos) {
    pos = skip_spaces_and_quotes(code, pos);
    if (code.compare(pos, 4, "init") != 0) return;
    pos = skip_spaces_and_quotes(code, pos + 4);
    if (pos >= code.size() || code[pos] != ',') return;
    pixel(skip_spaces_and_quotes(code, pos + 1));
  });
  // The <noscript> image: facebook.com/tr?id=... or /tr/?id=...
  each_after(code, "facebook.com/tr?id=", pixel);
  each_after(code, "facebook.com/tr/?id=", pixel);
}

// Inline JSON configuration of themes and tag plug-ins: {"facebook_pixel_id": "1234...",
// "yandex_metrika": 12345678}. A key naming the vendor with a number of the account's shape.
void configured_ids(std::string_view code, identifier_collector& out) {
  const auto keyed = [&](std::string_view key_word, std::size_t least, std::size_t most,
                         identifier_kind kind) {
    each_after(code, key_word, [&](std::size_t pos) {
      // The rest of the key, its closing quote, the colon or '=', the value's quote.
      std::size_t end = pos;
      while (end < code.size() && (is_word(code[end]) || code[end] == '-')) ++end;
      end = skip_spaces_and_quotes(code, end);
      if (end >= code.size() || (code[end] != ':' && code[end] != '=')) return;
      const auto value = skip_spaces_and_quotes(code, end + 1);
      const auto id = digits_at(code, value, least, most);
      if (!id.empty()) out.add(kind, std::string(id));
    });
  };
  keyed("pixel", 10, 20, identifier_kind::meta_pixel);
  keyed("Pixel", 10, 20, identifier_kind::meta_pixel);
  keyed("metrika", 5, 12, identifier_kind::yandex_metrica);
  keyed("Metrika", 5, 12, identifier_kind::yandex_metrica);
}

}  // namespace

void find_tracking_ids(std::string_view code, identifier_collector& out) {
  google_ids(code, out);
  yandex_ids(code, out);
  meta_pixel_ids(code, out);
  configured_ids(code, out);
}

}  // namespace geocrawl
