#include "proxies/address_policy.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

namespace geocrawl {
namespace ip = boost::asio::ip;

namespace {

// For the built-in tables below, whose text is fixed at compile time.
ip_network known_network(std::string_view cidr) {
  auto network = parse_ip_network(cidr);
  if (!network) throw std::logic_error(network.error());
  return *network;
}

struct special_range {
  ip_network network;
  address_class kind;
};

// The ranges follow the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 as
// updated by RFC 8190) and RFC 9637's 3fff::/20. The first match wins, so where ranges nest the
// inner one comes first.
const std::vector<special_range>& special_v4_ranges() {
  using enum address_class;
  static const std::vector<special_range> ranges = {
      {known_network("0.0.0.0/32"), unspecified},
      {known_network("0.0.0.0/8"), reserved},  // "this network"
      {known_network("10.0.0.0/8"), private_network},
      {known_network("100.64.0.0/10"), shared_cgnat},
      {known_network("127.0.0.0/8"), loopback},
      {known_network("169.254.0.0/16"), link_local},
      {known_network("172.16.0.0/12"), private_network},
      {known_network("192.0.0.0/24"), reserved},  // IETF protocol assignments
      {known_network("192.0.2.0/24"), documentation},
      {known_network("192.168.0.0/16"), private_network},
      {known_network("198.18.0.0/15"), reserved},  // benchmarking
      {known_network("198.51.100.0/24"), documentation},
      {known_network("203.0.113.0/24"), documentation},
      {known_network("224.0.0.0/4"), multicast},
      {known_network("240.0.0.0/4"), reserved},  // holds the limited broadcast 255.255.255.255
  };
  return ranges;
}

const std::vector<special_range>& special_v6_ranges() {
  using enum address_class;
  static const std::vector<special_range> ranges = {
      {known_network("::/128"), unspecified},
      {known_network("::1/128"), loopback},
      {known_network("100::/64"), reserved},   // discard-only
      {known_network("2001::/23"), reserved},  // IETF protocol assignments, Teredo among them
      {known_network("2001:db8::/32"), documentation},
      {known_network("3fff::/20"), documentation},
      {known_network("fc00::/7"), private_network},  // unique local
      {known_network("fe80::/10"), link_local},
      {known_network("fec0::/10"), reserved},  // site-local, deprecated
      {known_network("ff00::/8"), multicast},
  };
  return ranges;
}

std::optional<address_class> special_class(const std::vector<special_range>& ranges,
                                           const ip::address& a) {
  const auto range = std::find_if(ranges.begin(), ranges.end(),
                                  [&](const special_range& r) { return r.network.contains(a); });
  if (range == ranges.end()) return std::nullopt;
  return range->kind;
}

struct ipv4_embedding {
  ip_network prefix;
  std::size_t offset;  // of the IPv4 address within the IPv6 address's bytes
};

std::optional<ip::address_v4> embedded_ipv4(const ip::address_v6& a) {
  static const std::vector<ipv4_embedding> embeddings = {
      {known_network("::ffff:0:0/96"), 12},  // IPv4-mapped
      {known_network("::/96"), 12},          // IPv4-compatible, deprecated
      {known_network("64:ff9b::/96"), 12},   // NAT64, well-known prefix
      // Local-use NAT64 (RFC 8215) may use any RFC 6052 layout from /48 to /96, which the address
      // does not reveal; this reads the common /96 layout.
      {known_network("64:ff9b:1::/48"), 12},
      {known_network("2002::/16"), 2},  // 6to4
  };
  // ::/96 holds :: and ::1, which are IPv6's own and carry no IPv4 address.
  if (a.is_unspecified() || a.is_loopback()) return std::nullopt;
  const auto embedding =
      std::find_if(embeddings.begin(), embeddings.end(),
                   [&](const ipv4_embedding& e) { return e.prefix.contains(ip::address{a}); });
  if (embedding == embeddings.end()) return std::nullopt;
  const auto bytes = a.to_bytes();
  ip::address_v4::bytes_type v4;
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(embedding->offset), v4.size(),
              v4.begin());
  return ip::address_v4{v4};
}

address_class classify_v4(const ip::address_v4& a) {
  return special_class(special_v4_ranges(), ip::address{a}).value_or(address_class::public_address);
}

address_class classify_v6(const ip::address_v6& a) {
  if (const auto kind = special_class(special_v6_ranges(), ip::address{a})) return *kind;
  // Packets to these addresses are delivered to the embedded IPv4 address, or to a translator on
  // the local network that forwards them there.
  if (const auto v4 = embedded_ipv4(a)) return classify_v4(*v4);
  // Only 2000::/3 is allocated for global unicast; the rest of the space is reserved by the IETF.
  static const ip_network global_unicast = known_network("2000::/3");
  if (!global_unicast.contains(ip::address{a})) return address_class::reserved;
  return address_class::public_address;
}

std::string quoted(std::string_view text) { return '"' + std::string(text) + '"'; }

template <class Network>
boost::system::result<ip_network, std::string> exact_network(const Network& network,
                                                             std::string_view text) {
  // Host bits most likely mean a mistyped address or prefix length; accepting either reading
  // would allow a network the user did not mean.
  if (network.address() != network.network()) {
    return "host bits set: " + std::string(text) + " (did you mean " +
           network.canonical().to_string() + "?)";
  }
  return ip_network(network);
}

}  // namespace

std::string_view to_string(address_class c) {
  switch (c) {
    case address_class::public_address:
      return "public";
    case address_class::loopback:
      return "loopback";
    case address_class::private_network:
      return "private";
    case address_class::link_local:
      return "link_local";
    case address_class::shared_cgnat:
      return "cgnat";
    case address_class::multicast:
      return "multicast";
    case address_class::unspecified:
      return "unspecified";
    case address_class::documentation:
      return "documentation";
    case address_class::reserved:
      return "reserved";
  }
  // Only reachable through a cast from an integer that names no class.
  return "invalid";
}

address_class classify_address(const ip::address& a) {
  return a.is_v4() ? classify_v4(a.to_v4()) : classify_v6(a.to_v6());
}

ip_network::ip_network(ip::network_v4 network) : network_(network) {}

ip_network::ip_network(ip::network_v6 network) : network_(network) {}

bool ip_network::contains(const ip::address& a) const {
  if (const auto* v4 = std::get_if<ip::network_v4>(&network_)) {
    return a.is_v4() && ip::network_v4(a.to_v4(), v4->prefix_length()).network() == v4->network();
  }
  const auto& v6 = std::get<ip::network_v6>(network_);
  // Compare bytes: address_v6 equality also compares the zone index, which names a link.
  return a.is_v6() && ip::network_v6(a.to_v6(), v6.prefix_length()).network().to_bytes() ==
                          v6.network().to_bytes();
}

std::string ip_network::to_string() const {
  return std::visit([](const auto& network) { return network.to_string(); }, network_);
}

boost::system::result<ip_network, std::string> parse_ip_network(std::string_view text) {
  // A zone index ties an address to one link of this machine; it has no place in a network.
  if (text.find('%') != std::string_view::npos) {
    return "zone index not allowed in a network: " + quoted(text);
  }
  const auto slash = text.find('/');
  boost::system::error_code ec;
  const auto address = ip::make_address(text.substr(0, slash), ec);
  if (ec) return "not an IP network: " + quoted(text);

  const unsigned short max_prefix = address.is_v4() ? 32 : 128;
  unsigned short prefix = max_prefix;
  if (slash != std::string_view::npos) {
    const auto prefix_text = text.substr(slash + 1);
    const bool decimal =
        !prefix_text.empty() && std::all_of(prefix_text.begin(), prefix_text.end(),
                                            [](char c) { return c >= '0' && c <= '9'; });
    if (!decimal) return "prefix length " + quoted(prefix_text) + " is not a decimal number";
    // All digits, so the only possible failure is a value too large for the type.
    const auto parsed =
        std::from_chars(prefix_text.data(), prefix_text.data() + prefix_text.size(), prefix);
    if (parsed.ec != std::errc{} || prefix > max_prefix) {
      return "prefix length " + std::string(prefix_text) + " is out of range for " +
             (address.is_v4() ? "IPv4" : "IPv6");
    }
  }
  if (address.is_v4()) return exact_network(ip::network_v4(address.to_v4(), prefix), text);
  return exact_network(ip::network_v6(address.to_v6(), prefix), text);
}

address_policy::address_policy(std::vector<ip_network> allow) : allow_(std::move(allow)) {}

std::optional<address_class> address_policy::refusal(const ip::address& a) const {
  const auto kind = classify_address(a);
  if (kind == address_class::public_address || allowed(a)) return std::nullopt;
  return kind;
}

bool address_policy::allowed(const ip::address& a) const {
  const auto listed = [this](const ip::address& candidate) {
    return std::any_of(allow_.begin(), allow_.end(),
                       [&](const ip_network& network) { return network.contains(candidate); });
  };
  if (listed(a)) return true;
  if (!a.is_v6()) return false;
  const auto v4 = embedded_ipv4(a.to_v6());
  return v4 && listed(ip::address{*v4});
}

}  // namespace geocrawl
