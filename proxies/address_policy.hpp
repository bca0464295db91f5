#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <boost/system/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace geocrawl {

// Why a destination is not on the public Internet. A crawler that follows links from untrusted
// pages must not be steered into the machine or network it runs on (SSRF).
enum class address_class {
  public_address,
  loopback,
  private_network,
  link_local,
  shared_cgnat,
  multicast,
  unspecified,
  documentation,
  reserved,
};

// Stable short codes for JSON and SQLite: "public", "loopback", "private", "link_local", "cgnat",
// "multicast", "unspecified", "documentation", "reserved".
std::string_view to_string(address_class c);

// IPv6 addresses that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) take the
// class of the embedded address, since that is where the packets end up.
address_class classify_address(const boost::asio::ip::address& a);

// An IPv4 or IPv6 network in CIDR form.
class ip_network {
 public:
  explicit ip_network(boost::asio::ip::network_v4 network);
  explicit ip_network(boost::asio::ip::network_v6 network);

  // False for an address of the other family; an IPv6 zone index is ignored.
  bool contains(const boost::asio::ip::address& a) const;
  std::string to_string() const;

 private:
  std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6> network_;
};

// Accepts "10.0.0.0/8", "fd00::/8", or a bare address meaning /32 or /128. The error says what is
// wrong, for configuration diagnostics. Check the result, then dereference it: value() does not
// compile with a std::string error, for want of a throw_exception_from_error overload.
boost::system::result<ip_network, std::string> parse_ip_network(std::string_view text);

// Decides, after DNS and before every connect, whether geocrawl may connect to an address.
class address_policy {
 public:
  // Refuses every address that is not public.
  address_policy() = default;
  // Also lets through the addresses in `allow` (configuration key limits.allow_networks).
  explicit address_policy(std::vector<ip_network> allow);

  // nullopt when the connection may go ahead, otherwise the class that blocked it. An allowed
  // network wins over any class, and matches an embedded IPv4 address too, so allowing
  // 127.0.0.0/8 also allows ::ffff:127.0.0.1.
  std::optional<address_class> refusal(const boost::asio::ip::address& a) const;

 private:
  bool allowed(const boost::asio::ip::address& a) const;

  std::vector<ip_network> allow_;
};

}  // namespace geocrawl
