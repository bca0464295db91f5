#pragma once
// An RDAP domain object (RFC 9083 §5.3) read for what an abuse report needs: the registrar
// (the entity with role "registrar": its vCard fn and its publicId "IANA Registrar ID"), the
// registrar's abuse contact (its nested entity with role "abuse": e-mail and phone), the
// registration, expiration and last-changed events, name servers and status codes.
// The answer is untrusted: anything missing or of the wrong type is left empty, never thrown.
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

#include "crawler/store/registrar_record.hpp"

namespace geocrawl {

// What an answer points to beyond itself.
struct rdap_domain_links {
  // A thin registry's (.com) link to the registrar's own RDAP record of the domain: a link with
  // rel "related", type application/rdap+json and a /domain/ path. "" when there is none.
  std::string related;
};

// Fills the registrar fields of `record` from the body; an error says why the body is not a
// domain object (not JSON, not an object, objectClassName not "domain").
boost::system::result<rdap_domain_links, std::string> read_rdap_domain(std::string_view body,
                                                                       registrar_record& record);

// Fills what `record` lacks from `fuller`, the registrar's own answer: the registry's word stands
// where it has one.
void fill_missing(registrar_record& record, const registrar_record& fuller);

}  // namespace geocrawl
