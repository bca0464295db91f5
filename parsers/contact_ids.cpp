#include "parsers/contact_ids.hpp"

#include <array>
#include <string>

#include "parsers/ascii.hpp"
#include "parsers/byte_set_search.hpp"
#include "parsers/phone_numbers.hpp"

namespace geocrawl {

namespace {

bool is_local_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}
bool is_host_char(char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '.' || c == '-'; }
bool is_handle_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '.' || c == '_' || c == '-';
}

// "[at]", "(at)", "{at}", "<at>" with spaces around or inside, and the stars Japanese pages
// put for "@", become "@"; the same brackets around "dot" become ".".
std::string undo_obfuscation(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // The bytes an obfuscation can start at: an opening bracket, or the lead byte of a star.
  // Plain text between them is copied a run at a time.
  byte_set_search openers(text, "[({<\xE2");
  for (std::size_t i = 0; i < text.size();) {
    const auto plain_end = openers.next(i);
    out.append(text.substr(i, plain_end - i));
    i = plain_end;
    if (i == text.size()) break;
    bool replaced = false;
    for (const auto& [open, close] :
         std::array<std::pair<char, char>, 4>{{{'[', ']'}, {'(', ')'}, {'{', '}'}, {'<', '>'}}}) {
      if (text[i] != open) continue;
      auto j = i + 1;
      while (j < text.size() && text[j] == ' ') ++j;
      for (const std::string_view word : {"at", "dot"}) {
        if (text.compare(j, word.size(), word) != 0) continue;
        auto k = j + word.size();
        while (k < text.size() && text[k] == ' ') ++k;
        if (k >= text.size() || text[k] != close) continue;
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += word == "at" ? '@' : '.';
        i = k + 1;
        while (i < text.size() && text[i] == ' ') ++i;
        replaced = true;
        break;
      }
      break;
    }
    if (replaced) continue;
    if (text.compare(i, 3, "\u2605") == 0 || text.compare(i, 3, "\u2606") == 0) {  // ★ ☆
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '@';
      i += 3;
      while (i < text.size() && text[i] == ' ') ++i;
      continue;
    }
    out += text[i++];
  }
  return out;
}

bool is_file_suffix(std::string_view tld) {
  for (const std::string_view suffix : {"png", "jpg", "jpeg", "gif", "webp", "svg", "css", "js"})
    if (tld == suffix) return true;
  return false;
}

// The address around the '@' at `at`, lower case; "" when it is not one.
std::string address_at(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && is_local_char(text[begin - 1]) && at - begin < 64) --begin;
  std::size_t end = at + 1;
  while (end < text.size() && is_host_char(text[end]) && end - at < 254) ++end;
  auto local = text.substr(begin, at - begin);
  auto host = text.substr(at + 1, end - at - 1);
  while (!local.empty() && local.front() == '.') local.remove_prefix(1);
  while (!host.empty() && (host.back() == '.' || host.back() == '-')) host.remove_suffix(1);
  const auto dot = host.rfind('.');
  if (local.empty() || dot == std::string_view::npos || dot == 0) return {};
  const auto tld = host.substr(dot + 1);
  if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), is_ascii_alpha)) return {};
  const auto tld_lower = ascii_lowercase(tld);
  if (is_file_suffix(tld_lower)) return {};  // logo@2x.png
  return ascii_lowercase(local) + "@" + ascii_lowercase(host);
}

void find_addresses(std::string_view text, identifier_collector& out) {
  for (auto at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    out.add(identifier_kind::email, address_at(text, at));
  }
}

std::string_view handle_at(std::string_view text, std::size_t pos, std::size_t least,
                           std::size_t most) {
  std::size_t end = pos;
  while (end < text.size() && is_handle_char(text[end])) ++end;
  while (end > pos && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  if (end - pos < least || end - pos > most) return {};
  return text.substr(pos, end - pos);
}

struct handle_label {
  std::string_view word;
  identifier_kind kind;
};

constexpr std::array<handle_label, 4> handle_labels{{{"line", identifier_kind::line},
                                                     {"telegram", identifier_kind::telegram},
                                                     {"skype", identifier_kind::skype},
                                                     {"whatsapp", identifier_kind::whatsapp}}};

// Where the colon is when `word` at `at` is a label: the word, then " id", "id" or neither,
// spaces, ':'. npos when it is not one.
std::size_t label_colon(std::string_view text, std::size_t at, std::string_view word) {
  if (text.compare(at, word.size(), word) != 0) return std::string_view::npos;
  if (at > 0 && (is_ascii_alpha(text[at - 1]) || is_ascii_digit(text[at - 1])))
    return std::string_view::npos;
  auto pos = at + word.size();
  if (text.compare(pos, 3, " id") == 0) pos += 3;
  if (text.compare(pos, 2, "id") == 0) pos += 2;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos < text.size() && text[pos] == ':' ? pos : std::string_view::npos;
}

// The handle after a label's colon.
void labelled_handle(std::string_view text, std::size_t pos, identifier_kind kind,
                     identifier_collector& out) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (kind == identifier_kind::whatsapp) {
    identifier_collector number;
    find_phone_numbers(text.substr(pos, 32), number);
    for (auto& phone : number.take()) {
      if (phone.value.starts_with('+')) out.add(kind, phone.value.substr(1));
    }
    return;
  }
  const bool official = pos < text.size() && text[pos] == '@';
  if (official) ++pos;
  const auto handle =
      kind == identifier_kind::skype
          ? handle_at(text, pos + (text.compare(pos, 5, "live:") == 0 ? 5 : 0), 6, 32)
          : handle_at(text, pos, kind == identifier_kind::telegram ? 5 : 3, 32);
  if (handle.empty()) return;
  out.add(kind, (official && kind == identifier_kind::line ? "@" : "") + std::string(handle));
}

// "line id: abc", "line：@abc", "telegram: @abc", "skype: live:abc", "whatsapp: +81 90 ...":
// the service's name as a word, an optional "id", a colon, the handle. Read from each colon
// back, as colons are rare in text and the names' first letters are not.
void find_labelled_handles(std::string_view text, identifier_collector& out) {
  for (auto colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    auto label_end = colon;
    while (label_end > 0 && text[label_end - 1] == ' ') --label_end;
    for (const auto& [word, kind] : handle_labels) {
      // Between the word and the spaces: nothing, "id", " id", or " id" then "id".
      for (const std::size_t id_bytes : {0, 2, 3, 5}) {
        if (label_end < word.size() + id_bytes) continue;
        if (label_colon(text, label_end - word.size() - id_bytes, word) == colon)
          labelled_handle(text, colon + 1, kind, out);
      }
    }
  }
}

// `href` without its scheme ("https://", "http://" or "//", ignoring case; none is fine) and a
// leading "www.": where a messenger's host and path start. Worked out once per link, as every
// link is tried against a dozen messenger paths.
std::string_view host_and_path(std::string_view href) {
  for (const std::string_view scheme : {"https://", "http://", "//"}) {
    if (href.size() >= scheme.size() &&
        equals_ignoring_ascii_case(href.substr(0, scheme.size()), scheme)) {
      href.remove_prefix(scheme.size());
      break;
    }
  }
  if (href.size() >= 4 && equals_ignoring_ascii_case(href.substr(0, 4), "www."))
    href.remove_prefix(4);
  return href;
}

// The rest of a link's host and path after `host_path` (lower case; compared ignoring case),
// or nullopt.
std::optional<std::string_view> after_host(std::string_view target, std::string_view host_path) {
  if (target.size() >= host_path.size() &&
      equals_ignoring_ascii_case(target.substr(0, host_path.size()), host_path))
    return target.substr(host_path.size());
  return std::nullopt;
}

std::string lower_handle(std::string_view text, std::size_t least, std::size_t most) {
  return ascii_lowercase(handle_at(text, 0, least, most));
}

void messenger_link(std::string_view href, identifier_collector& out) {
  const auto target = host_and_path(href);
  for (const std::string_view path : {"line.me/ti/p/~", "line.me/r/ti/p/~"}) {
    if (const auto rest = after_host(target, path))
      out.add(identifier_kind::line, lower_handle(*rest, 3, 32));
  }
  for (const std::string_view path :
       {"line.me/r/ti/p/@", "line.me/ti/p/@", "line.me/r/ti/p/%40", "line.me/ti/p/%40"}) {
    if (const auto rest = after_host(target, path)) {
      const auto handle = lower_handle(*rest, 3, 32);
      if (!handle.empty()) out.add(identifier_kind::line, "@" + handle);
    }
  }
  if (const auto rest = after_host(target, "lin.ee/")) {
    const auto code = handle_at(*rest, 0, 4, 32);  // short links are case-sensitive
    if (!code.empty()) out.add(identifier_kind::line, "lin.ee/" + std::string(code));
  }
  const auto whatsapp = [&](std::string_view digits_text) {
    std::string digits;
    for (const char c : digits_text) {
      if (is_ascii_digit(c)) {
        digits += c;
      } else if (c != '+' && c != '-' && c != ' ' && c != '%') {
        break;
      }
    }
    if (digits.size() >= 8 && digits.size() <= 15) out.add(identifier_kind::whatsapp, digits);
  };
  if (const auto rest = after_host(target, "wa.me/")) whatsapp(*rest);
  for (const std::string_view path : {"api.whatsapp.com/send?phone=", "whatsapp://send?phone="}) {
    if (const auto rest = after_host(target, path)) whatsapp(*rest);
  }
  for (const std::string_view path : {"t.me/", "telegram.me/"}) {
    if (const auto rest = after_host(target, path))
      out.add(identifier_kind::telegram, lower_handle(*rest, 5, 32));
  }
}

}  // namespace

void find_contacts_in_text(std::string_view text, identifier_collector& out) {
  find_addresses(undo_obfuscation(text), out);
  find_phone_numbers(text, out);
  find_labelled_handles(text, out);
}

void find_contacts_in_link(std::string_view href, identifier_collector& out) {
  href = trim_ascii_whitespace(href);
  const auto scheme_is = [&](std::string_view scheme) {
    return href.size() > scheme.size() &&
           equals_ignoring_ascii_case(href.substr(0, scheme.size()), scheme);
  };
  if (scheme_is("mailto:")) {
    auto address = href.substr(
        7, href.find('?') == std::string_view::npos ? std::string_view::npos : href.find('?') - 7);
    std::string decoded(address);
    if (const auto encoded = decoded.find("%40"); encoded != std::string::npos) {
      decoded.replace(encoded, 3, "@");
    }
    const auto at = decoded.find('@');
    if (at != std::string::npos) out.add(identifier_kind::email, address_at(decoded, at));
    return;
  }
  if (scheme_is("tel:")) {
    if (auto number = phone_from_tel(href.substr(4)))
      out.add(identifier_kind::phone, std::move(*number));
    return;
  }
  if (scheme_is("skype:")) {
    auto name = href.substr(6);
    name = name.substr(0, name.find('?'));
    if (name.size() > 5 && equals_ignoring_ascii_case(name.substr(0, 5), "live:"))
      name.remove_prefix(5);
    out.add(identifier_kind::skype, lower_handle(name, 6, 32));
    return;
  }
  messenger_link(href, out);
}

}  // namespace geocrawl
