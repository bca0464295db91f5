#pragma once
// How a registrar lookup ended. The words are stable: they are stored in rdap_lookups.outcome
// (crawler/store/store_schema.cpp) and printed by fetch and export.
#include <optional>
#include <string_view>

namespace geocrawl {

enum class rdap_outcome {
  found,             // the registry answered with the domain
  not_found,         // 404: the registry does not know the domain
  no_server,         // the bootstrap registry names no RDAP server for the TLD
  rate_limited,      // 429, and still 429 after waiting, or a Retry-After past the bound
  timed_out,         // no complete answer within [rdap] timeout
  refused,           // the server's address (or a redirect's) is refused by the address policy
  invalid_response,  // not an RDAP domain object: bad JSON, wrong shape
  server_error,      // any other status, or a failed connection
};

std::string_view to_string(rdap_outcome outcome) noexcept;
// The outcome a word names, as to_string writes it; nullopt for any other word.
std::optional<rdap_outcome> parse_rdap_outcome(std::string_view word) noexcept;

}  // namespace geocrawl
