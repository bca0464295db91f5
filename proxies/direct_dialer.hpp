#pragma once
// The first layer of every connection: resolve, apply the target address policy to
// each address, then TCP-connect to the first allowed address that answers.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/system/result.hpp>

#include "proxies/address_policy.hpp"
#include "proxies/dial_error.hpp"
#include "proxies/host_resolver.hpp"

namespace geocrawl {

struct dial_request {
  std::string host;  // a DNS name or an IP literal (IPv6 without brackets)
  std::uint16_t port = 0;
  std::chrono::steady_clock::time_point deadline;  // for resolution and connect together
};

struct connection {
  boost::beast::tcp_stream stream;
  boost::asio::ip::tcp::endpoint peer;
  std::chrono::milliseconds dns_time{0};
  std::chrono::milliseconds connect_time{0};
};

using dial_result = boost::system::result<connection, dial_failure>;

// The addresses the policy allows, in order; blocked_target naming every refused address
// and why when none is left.
boost::system::result<std::vector<boost::asio::ip::address>, dial_failure> allowed_addresses(
    const std::vector<boost::asio::ip::address>& addresses, const dial_request& request,
    const address_policy& policy);

class direct_dialer {
 public:
  direct_dialer(host_resolver& resolver, const address_policy& policy)
      : resolver_(resolver), policy_(policy) {}

  boost::asio::awaitable<dial_result> dial(const dial_request& request) const;

 private:
  host_resolver& resolver_;
  const address_policy& policy_;
};

}  // namespace geocrawl
