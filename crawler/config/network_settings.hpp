#pragma once
// [networks]: the exclusion rules `geocrawl networks` links sites by (crawler/networks/), and
// the ASN database it reads servers' autonomous systems from.
#include <cstdint>
#include <string>
#include <vector>

namespace geocrawl {

struct network_settings {
  // An identifier on more than this percentage of the database's distinct sites links none of
  // them (a library default, a stock template, a theme's ID)...
  std::int64_t max_share_percent = 5;
  // ...once it is on more than this many sites: in a small database a network's own ID can
  // be on more than the share.
  std::int64_t min_sites = 10;
  // "kind:value" identifiers that never link, beside data/networks/placeholder_identifiers.tsv;
  // a value starting with '*' matches every value ending with the rest ("email:*@corp.example").
  std::vector<std::string> ignore;
  // A MaxMind-format ASN database (GeoLite2-ASN, ip-location-db's asn databases): each direct
  // view's server address is looked up in it for the weak `asn` identifier. Empty: none.
  // One that will not open is refused when the configuration is loaded.
  std::string asn_database;
};

}  // namespace geocrawl
