#include "crawler/view/view_identifiers.hpp"

#include <algorithm>

#include "crawler/domain/registrable_domain.hpp"
#include "parsers/phone_numbers.hpp"
#include "parsers/web_url.hpp"

namespace geocrawl {

namespace {

// The registrable domain the page was served under: its final URL's (the requested one's when
// the view got no response), or its host where it has none; "" for a URL that does not parse.
std::string page_domain(const view& record) {
  const auto url =
      parse_web_url(record.final_url.empty() ? record.requested_url : record.final_url);
  return url ? site_identity(std::string_view(url->encoded_host())) : std::string();
}

// The registrable domain a certificate name covers: a wildcard's (*.shop.example covers names
// under shop.example) or the name's own; none for a public suffix (*.co.jp) or an address.
std::optional<std::string> covered_domain(std::string_view name) {
  if (name.starts_with("*.")) name.remove_prefix(2);
  return registrable_domain(name);
}

}  // namespace

std::vector<page_identifier> view_identifiers(const view& record) {
  // Room for every identifier the analysis kept, the sister links and certificate names, and
  // the view's own four.
  identifier_collector ids(512 + extract_limits{}.max_items + max_certificate_names);
  const auto own_domain = page_domain(record);
  if (record.analysis) {
    const auto country = phone_country(record.analysis->page.lang, record.exit_country);
    for (const auto& id : record.analysis->identifiers) {
      ids.add(id.kind, id.kind == identifier_kind::phone ? to_e164(id.value, country) : id.value);
    }
    // Only a page's body says anything of its operator: an image's or an empty body's hash
    // is every site's.
    if (!record.body.empty()) ids.add(identifier_kind::body_sha256, record.sha256);
    // A shop's links to other registrable domains ("our other stores"); a blog's links say
    // nothing of who runs it, and a link within its own domain is no sister.
    if (page_sells(record.analysis->page, record.analysis->found)) {
      for (const auto& host : record.analysis->page.external_hosts) {
        const auto domain = registrable_domain(host);
        if (domain && *domain != own_domain) ids.add(identifier_kind::sister_link, *domain);
      }
    }
  }
  if (record.tls) {
    ids.add(identifier_kind::cert_spki, record.tls->spki_sha256);
    for (const auto& name : record.tls->dns_names) {
      const auto domain = covered_domain(name);
      if (domain && *domain != own_domain) ids.add(identifier_kind::cert_name, *domain);
    }
  }
  if (record.proxy.empty()) ids.add(identifier_kind::ip, record.peer_address);
  if (record.favicon && record.favicon->hash)
    ids.add(identifier_kind::favicon, std::to_string(*record.favicon->hash));
  return ids.take();
}

}  // namespace geocrawl
