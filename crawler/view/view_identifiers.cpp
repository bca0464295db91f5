#include "crawler/view/view_identifiers.hpp"

#include <algorithm>

#include "parsers/phone_numbers.hpp"

namespace geocrawl {

std::vector<page_identifier> view_identifiers(const view& record) {
  // Room for every identifier the analysis kept and the view's own four.
  identifier_collector ids(512);
  if (record.analysis) {
    const auto country = phone_country(record.analysis->page.lang, record.exit_country);
    for (const auto& id : record.analysis->identifiers) {
      ids.add(id.kind, id.kind == identifier_kind::phone ? to_e164(id.value, country) : id.value);
    }
    // Only a page's body says anything of its operator: an image's or an empty body's hash
    // is every site's.
    if (!record.body.empty()) ids.add(identifier_kind::body_sha256, record.sha256);
  }
  if (record.tls) ids.add(identifier_kind::cert_spki, record.tls->spki_sha256);
  if (record.proxy.empty()) ids.add(identifier_kind::ip, record.peer_address);
  if (record.favicon && record.favicon->hash)
    ids.add(identifier_kind::favicon, std::to_string(*record.favicon->hash));
  return ids.take();
}

}  // namespace geocrawl
