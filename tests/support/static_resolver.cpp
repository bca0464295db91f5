#include "tests/support/static_resolver.hpp"

namespace geocrawl::testing {

static_resolver::static_resolver(std::map<std::string, std::vector<std::string>> table) {
  for (const auto& [name, addresses] : table) {
    for (const auto& address : addresses)
      table_[name].push_back(boost::asio::ip::make_address(address));
  }
}

boost::asio::awaitable<resolve_result> static_resolver::resolve(
    const std::string& host, std::chrono::steady_clock::time_point) {
  const auto found = table_.find(host);
  if (found == table_.end())
    co_return dial_failure{dial_errc::dns, "cannot resolve " + host + ": not in the test table"};
  co_return found->second;
}

}  // namespace geocrawl::testing
