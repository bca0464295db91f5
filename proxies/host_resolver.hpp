#pragma once
// Name resolution as an injected dependency: the crawler uses the system resolver,
// tests use a table of names so that they never send a DNS query off the machine.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/system/result.hpp>

#include "proxies/dial_error.hpp"

namespace geocrawl {

using resolve_result = boost::system::result<std::vector<boost::asio::ip::address>, dial_failure>;

class host_resolver {
 public:
  virtual ~host_resolver() = default;
  // Resolves a host name (never an address literal) before the deadline; fails with
  // dial_errc::dns or dial_errc::timeout.
  virtual boost::asio::awaitable<resolve_result> resolve(
      const std::string& host, std::chrono::steady_clock::time_point deadline) = 0;
};

// getaddrinfo through Asio. getaddrinfo cannot be interrupted, so the deadline releases
// the caller and the lookup finishes in the background on its own.
class system_resolver final : public host_resolver {
 public:
  explicit system_resolver(boost::asio::any_io_executor executor);
  boost::asio::awaitable<resolve_result> resolve(
      const std::string& host, std::chrono::steady_clock::time_point deadline) override;

 private:
  boost::asio::any_io_executor executor_;
};

}  // namespace geocrawl
