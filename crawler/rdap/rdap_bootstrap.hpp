#pragma once
// IANA's bootstrap registry for DNS (RFC 9224): which RDAP server answers for which TLD. A
// domain's server is the one whose entry matches the longest run of its last labels (RFC 9224
// §4: "example.co.uk" prefers an entry "co.uk" to "uk"), compared case-insensitively.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/system/result.hpp>

namespace geocrawl {

class rdap_bootstrap {
 public:
  // The JSON text of a bootstrap file; an error says what is wrong with it.
  static boost::system::result<rdap_bootstrap, std::string> parse(std::string_view json);

  // The base URL (ending in '/') for a domain, preferring https among an entry's URLs (RFC 9224
  // §3: clients prefer https); nullopt when no entry matches.
  std::optional<std::string> base_url_for(std::string_view domain) const;

  const std::string& publication() const noexcept { return publication_; }

 private:
  std::string publication_;
  std::unordered_map<std::string, std::string> base_by_entry_;  // lower-case TLD or suffix
};

// The file's bootstrap; throws std::runtime_error naming the file and what is wrong.
rdap_bootstrap load_rdap_bootstrap(const std::filesystem::path& file);

// data/rdap/dns.json, the dated copy geocrawl ships (its README says from where and when).
std::filesystem::path shipped_rdap_bootstrap();

// [rdap] bootstrap, else the shipped copy. Throws config_error naming the key and the file, so
// a bad file stops a command before it fetches anything.
rdap_bootstrap configured_rdap_bootstrap(const std::string& configured_file);

}  // namespace geocrawl
