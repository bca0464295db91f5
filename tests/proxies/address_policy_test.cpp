#include "proxies/address_policy.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace geocrawl {
namespace {

using enum address_class;

boost::asio::ip::address addr(std::string_view text) { return boost::asio::ip::make_address(text); }

struct class_case {
  std::string_view address;
  address_class expected;
};

// Boundary rows check the addresses just outside and just inside each range.
constexpr class_case v4_cases[] = {
    {"0.0.0.0", unspecified},
    {"0.0.0.1", reserved},
    {"0.255.255.255", reserved},
    {"1.0.0.0", public_address},
    {"8.8.8.8", public_address},
    {"9.255.255.255", public_address},
    {"10.0.0.0", private_network},
    {"10.255.255.255", private_network},
    {"11.0.0.0", public_address},
    {"100.63.255.255", public_address},
    {"100.64.0.0", shared_cgnat},
    {"100.127.255.255", shared_cgnat},
    {"100.128.0.0", public_address},
    {"126.255.255.255", public_address},
    {"127.0.0.1", loopback},
    {"127.255.255.255", loopback},
    {"128.0.0.0", public_address},
    {"169.253.255.255", public_address},
    {"169.254.0.0", link_local},
    {"169.254.169.254", link_local},  // cloud metadata service
    {"169.255.0.0", public_address},
    {"172.15.255.255", public_address},
    {"172.16.0.0", private_network},
    {"172.31.255.255", private_network},
    {"172.32.0.0", public_address},
    {"191.255.255.255", public_address},
    {"192.0.0.0", reserved},
    {"192.0.0.255", reserved},
    {"192.0.1.0", public_address},
    {"192.0.2.0", documentation},
    {"192.0.2.255", documentation},
    {"192.0.3.0", public_address},
    {"192.167.255.255", public_address},
    {"192.168.0.0", private_network},
    {"192.168.255.255", private_network},
    {"192.169.0.0", public_address},
    {"198.17.255.255", public_address},
    {"198.18.0.0", reserved},
    {"198.19.255.255", reserved},
    {"198.20.0.0", public_address},
    {"198.51.100.7", documentation},
    {"203.0.112.255", public_address},
    {"203.0.113.0", documentation},
    {"203.0.113.255", documentation},
    {"203.0.114.0", public_address},
    {"223.255.255.255", public_address},
    {"224.0.0.0", multicast},
    {"239.255.255.255", multicast},
    {"240.0.0.0", reserved},
    {"255.255.255.255", reserved},
};

constexpr class_case v6_cases[] = {
    {"::", unspecified},
    {"::1", loopback},
    // Addresses that embed an IPv4 address take its class.
    {"::2", reserved},  // IPv4-compatible 0.0.0.2
    {"::127.0.0.1", loopback},
    {"::8.8.8.8", public_address},
    {"::ffff:0.0.0.0", unspecified},
    {"::ffff:127.0.0.1", loopback},
    {"::ffff:10.1.2.3", private_network},
    {"::ffff:169.254.169.254", link_local},
    {"::ffff:8.8.8.8", public_address},
    {"64:ff9b::127.0.0.1", loopback},
    {"64:ff9b::100.64.0.1", shared_cgnat},
    {"64:ff9b::8.8.8.8", public_address},
    {"64:ff9b:1::a9fe:a9fe", link_local},
    {"64:ff9b:1::808:808", public_address},
    {"2002:7f00:1::", loopback},
    {"2002:c0a8:101::1", private_network},
    {"2002:808:808::1", public_address},
    // IPv6's own ranges.
    {"100::1", reserved},
    {"2001::1", reserved},
    {"2001:0:4136:e378:8000:63bf:3fff:fdd2", reserved},  // Teredo
    {"2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", reserved},
    {"2001:200::", public_address},
    {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", public_address},
    {"2001:db8::1", documentation},
    {"2001:db9::", public_address},
    {"2606:4700:4700::1111", public_address},
    {"2a00:1450:4001:81c::200e", public_address},
    {"3fff::1", documentation},
    {"4000::1", reserved},  // outside 2000::/3, unallocated
    {"fc00::", private_network},
    {"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", private_network},
    {"fe80::1", link_local},
    {"fe80::1%1", link_local},
    {"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", link_local},
    {"fec0::1", reserved},
    {"ff02::1", multicast},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", multicast},
};

// Codes rather than enumerators, so that a failure prints something readable.
void check_classes(std::span<const class_case> cases) {
  for (const auto& c : cases) {
    CAPTURE(c.address);
    CHECK(to_string(classify_address(addr(c.address))) == to_string(c.expected));
  }
}

TEST_CASE("classify_address sorts IPv4 addresses into the special-purpose ranges") {
  check_classes(v4_cases);
}

TEST_CASE(
    "classify_address sorts IPv6 addresses, by the embedded IPv4 address where there is one") {
  check_classes(v6_cases);
}

TEST_CASE("address classes have stable short codes") {
  struct code_case {
    address_class c;
    std::string_view code;
  };
  constexpr code_case cases[] = {
      {public_address, "public"},   {loopback, "loopback"},           {private_network, "private"},
      {link_local, "link_local"},   {shared_cgnat, "cgnat"},          {multicast, "multicast"},
      {unspecified, "unspecified"}, {documentation, "documentation"}, {reserved, "reserved"},
  };
  for (const auto& c : cases) CHECK(to_string(c.c) == c.code);
}

TEST_CASE("parse_ip_network accepts CIDR networks and bare addresses") {
  struct parse_case {
    std::string_view text;
    std::string_view network;
  };
  constexpr parse_case cases[] = {
      {"10.0.0.0/8", "10.0.0.0/8"},
      {"0.0.0.0/0", "0.0.0.0/0"},
      {"192.168.1.1", "192.168.1.1/32"},
      {"192.168.1.1/32", "192.168.1.1/32"},
      {"10.0.0.0/008", "10.0.0.0/8"},
      {"::1/128", "::1/128"},
      {"::1", "::1/128"},
      {"::/0", "::/0"},
      {"fd00::/8", "fd00::/8"},
      {"FD00::/8", "fd00::/8"},
      {"::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto network = parse_ip_network(c.text);
    REQUIRE(network.has_value());
    CHECK(network->to_string() == c.network);
  }
}

TEST_CASE("parse_ip_network says what is wrong") {
  struct error_case {
    std::string_view text;
    std::string_view error;
  };
  constexpr error_case cases[] = {
      {"10.0.0.0/33", "prefix length 33 is out of range for IPv4"},
      {"::/129", "prefix length 129 is out of range for IPv6"},
      {"10.0.0.0/99999999999999999999",
       "prefix length 99999999999999999999 is out of range for IPv4"},
      {"10.0.0.1/8", "host bits set: 10.0.0.1/8 (did you mean 10.0.0.0/8?)"},
      {"fd00::1/8", "host bits set: fd00::1/8 (did you mean fd00::/8?)"},
      {"10.0.0.0/", "prefix length \"\" is not a decimal number"},
      {"10.0.0.0/+8", "prefix length \"+8\" is not a decimal number"},
      {"10.0.0.0/8 ", "prefix length \"8 \" is not a decimal number"},
      {"10.0.0.0/8/8", "prefix length \"8/8\" is not a decimal number"},
      {"10.0.0.0/255.0.0.0", "prefix length \"255.0.0.0\" is not a decimal number"},
      {"", "not an IP network: \"\""},
      {"/8", "not an IP network: \"/8\""},
      {"example.com", "not an IP network: \"example.com\""},
      {"127.1", "not an IP network: \"127.1\""},
      {" 10.0.0.0/8", "not an IP network: \" 10.0.0.0/8\""},
      {"fe80::%eth0/64", "zone index not allowed in a network: \"fe80::%eth0/64\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto network = parse_ip_network(c.text);
    REQUIRE_FALSE(network.has_value());
    CHECK(network.error() == c.error);
  }
}

TEST_CASE("ip_network contains only addresses of its own family and range") {
  struct contains_case {
    std::string_view network;
    std::string_view address;
    bool contained;
  };
  constexpr contains_case cases[] = {
      {"10.0.0.0/8", "10.255.255.255", true},
      {"10.0.0.0/8", "11.0.0.0", false},
      {"10.0.0.1", "10.0.0.1", true},
      {"10.0.0.1", "10.0.0.2", false},
      {"0.0.0.0/0", "255.255.255.255", true},
      {"0.0.0.0/0", "::", false},
      {"::/0", "0.0.0.0", false},
      {"fe80::/10", "fe80::1%2", true},
      {"fd00::/8", "fdff::1", true},
      {"fd00::/8", "fc00::1", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.network);
    CAPTURE(c.address);
    CHECK(parse_ip_network(c.network)->contains(addr(c.address)) == c.contained);
  }
}

struct policy_case {
  std::string_view address;
  std::optional<address_class> refusal;
};

void check_policy(const address_policy& policy, std::initializer_list<policy_case> cases) {
  for (const auto& c : cases) {
    CAPTURE(c.address);
    const auto refusal = policy.refusal(addr(c.address));
    CHECK(refusal.has_value() == c.refusal.has_value());
    if (refusal && c.refusal) CHECK(to_string(*refusal) == to_string(*c.refusal));
  }
}

address_policy allowing(std::initializer_list<std::string_view> networks) {
  std::vector<ip_network> allow;
  for (const auto text : networks) allow.push_back(*parse_ip_network(text));
  return address_policy(std::move(allow));
}

TEST_CASE("the default address_policy refuses every address that is not public") {
  check_policy(address_policy{}, {
                                     {"8.8.8.8", std::nullopt},
                                     {"2606:4700:4700::1111", std::nullopt},
                                     {"::ffff:8.8.8.8", std::nullopt},
                                     {"127.0.0.1", loopback},
                                     {"::ffff:127.0.0.1", loopback},
                                     {"10.0.0.1", private_network},
                                     {"169.254.169.254", link_local},
                                     {"fd00::1", private_network},
                                     {"0.0.0.0", unspecified},
                                 });
}

TEST_CASE("an allowed network wins over the class, for the address and its embedded IPv4") {
  const auto policy = allowing({"127.0.0.0/8", "10.1.0.0/16", "fd00::/8"});
  check_policy(policy, {
                           {"127.0.0.1", std::nullopt},
                           {"::ffff:127.0.0.1", std::nullopt},
                           {"64:ff9b::127.0.0.1", std::nullopt},
                           {"2002:7f00:1::", std::nullopt},
                           {"10.1.2.3", std::nullopt},
                           {"10.2.0.0", private_network},
                           {"::ffff:10.2.0.1", private_network},
                           {"fd12::1", std::nullopt},
                           {"fc00::1", private_network},
                           {"::1", loopback},  // IPv6 loopback is not 127.0.0.0/8
                           {"169.254.169.254", link_local},
                           {"8.8.8.8", std::nullopt},
                       });
}

TEST_CASE("allowing all of IPv4 leaves IPv6's own ranges refused") {
  const auto policy = allowing({"0.0.0.0/0"});
  check_policy(policy, {
                           {"10.0.0.1", std::nullopt},
                           {"::ffff:10.0.0.1", std::nullopt},
                           {"::1", loopback},
                           {"::", unspecified},
                           {"fe80::1", link_local},
                       });
}

}  // namespace
}  // namespace geocrawl
