#pragma once
// A resolver that answers from a table, so integration tests can use host names
// ("shop.test") and never send a DNS query off the machine.
#include <map>
#include <string>
#include <vector>

#include "proxies/host_resolver.hpp"

namespace geocrawl::testing {

class static_resolver final : public host_resolver {
 public:
  // name -> addresses; a name not in the table fails with dial_errc::dns.
  explicit static_resolver(std::map<std::string, std::vector<std::string>> table);
  boost::asio::awaitable<resolve_result> resolve(
      const std::string& host, std::chrono::steady_clock::time_point deadline) override;

 private:
  std::map<std::string, std::vector<boost::asio::ip::address>> table_;
};

}  // namespace geocrawl::testing
