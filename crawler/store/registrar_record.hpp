#pragma once
// One RDAP lookup of a registrable domain, found or failed, as stored and printed. Plain data,
// so the store and the reports need no network headers.
#include <string>
#include <vector>

#include "crawler/store/rdap_outcome.hpp"

namespace geocrawl {

struct registrar_record {
  std::string domain;        // the registrable domain asked about
  std::string looked_up_at;  // UTC, ISO 8601
  rdap_outcome outcome = rdap_outcome::found;
  std::string error;      // why, for every outcome but found
  std::string server;     // the URL asked, empty when no server was found
  std::string registrar;  // the registrar entity's vCard fn
  std::string registrar_iana_id;
  std::string abuse_email;
  std::string abuse_phone;
  std::string registered_at;  // the events, as the registry wrote them
  std::string expires_at;
  std::string last_changed_at;
  std::vector<std::string> name_servers;
  std::vector<std::string> statuses;
};

}  // namespace geocrawl
