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

// Fills the registrar fields of `record` from the body; an error says why the body is not a
// domain object (not JSON, not an object, objectClassName not "domain").
boost::system::result<void, std::string> read_rdap_domain(std::string_view body,
                                                          registrar_record& record);

}  // namespace geocrawl
