#include "proxies/direct_dialer.hpp"

#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include "proxies/elapsed.hpp"

namespace geocrawl {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

boost::system::result<std::vector<asio::ip::address>, dial_failure> allowed_addresses(
    const std::vector<asio::ip::address>& addresses, const dial_request& request,
    const address_policy& policy) {
  std::vector<asio::ip::address> allowed;
  std::string refused;
  for (const auto& address : addresses) {
    if (auto refusal = policy.refusal(address)) {
      if (!refused.empty()) refused += ", ";
      refused += address.to_string() + " (" + std::string(to_string(*refusal)) + ")";
    } else {
      allowed.push_back(address);
    }
  }
  if (allowed.empty()) {
    return dial_failure{dial_errc::blocked_target,
                        "refused to connect to " + request.host + ": " + refused +
                            " is not a public address (limits.allow_networks can allow it)"};
  }
  return allowed;
}

asio::awaitable<dial_result> direct_dialer::dial(const dial_request& request) const {
  const auto start = clock::now();
  std::vector<asio::ip::address> addresses;
  boost::system::error_code literal_error;
  const auto literal = asio::ip::make_address(request.host, literal_error);
  if (!literal_error) {
    addresses.push_back(literal);
  } else {
    auto resolved = co_await resolver_.resolve(request.host, request.deadline);
    if (!resolved) co_return resolved.error();
    addresses = std::move(*resolved);
  }
  const auto dns_time = elapsed_since(start);

  auto allowed = allowed_addresses(addresses, request, policy_);
  if (!allowed) co_return allowed.error();
  std::vector<asio::ip::tcp::endpoint> endpoints;
  for (const auto& address : *allowed) endpoints.emplace_back(address, request.port);

  const auto connect_start = clock::now();
  boost::beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_at(request.deadline);
  auto [ec, peer] = co_await stream.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  if (ec == boost::beast::error::timeout) {
    co_return dial_failure{dial_errc::timeout, "connecting to " + request.host + ":" +
                                                   std::to_string(request.port) + " timed out"};
  }
  if (ec) {
    co_return dial_failure{dial_errc::connect, "cannot connect to " + request.host + ":" +
                                                   std::to_string(request.port) + ": " +
                                                   ec.message()};
  }
  stream.expires_never();
  co_return connection{std::move(stream), peer, dns_time, elapsed_since(connect_start)};
}

}  // namespace geocrawl
