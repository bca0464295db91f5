#pragma once
// What operators reuse across the sites of one network, as read from a page or a view: an
// analytics or ad account, a contact, a checkout host, a certificate key, a template. The
// kinds are a closed set; their words are what the store, `networks` and its JSON say.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

enum class identifier_kind : std::uint8_t {
  ga_ua,           // Universal Analytics property: UA-12345678-1
  ga4,             // Google Analytics 4 measurement ID: G-ABCDEF1234
  gtm,             // Google Tag Manager container: GTM-ABC123
  yandex_metrica,  // Yandex.Metrica counter number
  meta_pixel,      // Meta (Facebook) pixel ID
  adsense,         // AdSense publisher: ca-pub-1234567890123456
  email,
  phone,  // E.164 ("+81312345678") where the country is known, else the national digits
  line,
  whatsapp,      // the number a wa.me link opens, digits only
  telegram,      // a t.me handle, lower case
  skype,         // a skype: name, lower case
  payment_host,  // a checkout form's action host, a payment script's host
  sister_link,   // a registrable domain a page that sells links to, other than its own
  cert_spki,     // SHA-256 of the TLS leaf certificate's SubjectPublicKeyInfo, hex
  template_fp,   // "template": a hash of the page's tag-and-class skeleton
  favicon,       // Shodan's http.favicon.hash
  body_sha256,
  ip,           // the address served from, when fetched direct
  asn,          // the server address's autonomous system: AS13335
  name_server,  // a name server of the site's registrable domain (its RDAP record)
  // A registrable domain the TLS leaf certificate's DNS names cover, other than the page's own.
  // Last, so stored analyses keep their numbers.
  cert_name,
};
inline constexpr std::size_t identifier_kind_count =
    static_cast<std::size_t>(identifier_kind::cert_name) + 1;

std::string_view to_string(identifier_kind kind) noexcept;
// The kind a word names; nullopt for any other word.
std::optional<identifier_kind> identifier_kind_from(std::string_view word) noexcept;

struct page_identifier {
  identifier_kind kind = identifier_kind::email;
  std::string value;

  bool operator==(const page_identifier&) const = default;
  auto operator<=>(const page_identifier&) const = default;
};

// Collects a page's identifiers, each once, up to a bound: a hostile page with ten thousand
// fake e-mail addresses costs a bounded record, and says it was cut.
class identifier_collector {
 public:
  explicit identifier_collector(std::size_t limit = 256) : limit_(limit) {}

  void add(identifier_kind kind, std::string value);
  bool truncated() const { return truncated_; }
  // Sorted by kind then value, each once.
  std::vector<page_identifier> take();

 private:
  std::size_t limit_;
  bool truncated_ = false;
  std::vector<page_identifier> items_;
};

}  // namespace geocrawl
