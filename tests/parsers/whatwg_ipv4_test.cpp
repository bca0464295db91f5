#include "parsers/whatwg_ipv4.hpp"

#include <doctest/doctest.h>

#include <string_view>

namespace geocrawl {
namespace {

struct host_case {
  std::string_view host;
  ipv4_host_kind kind;
  std::string_view address = "";  // dotted quad when kind is address
};

constexpr auto address = ipv4_host_kind::address;
constexpr auto invalid = ipv4_host_kind::invalid;
constexpr auto not_ipv4 = ipv4_host_kind::not_ipv4;

// Several rows come from the web-platform-tests URL corpus (urltestdata.json).
constexpr host_case host_cases[] = {
    // Four decimal parts.
    {"0.0.0.0", address, "0.0.0.0"},
    {"127.0.0.1", address, "127.0.0.1"},
    {"255.255.255.255", address, "255.255.255.255"},
    // Octal and hexadecimal parts, mixed.
    {"0177.0.0.1", address, "127.0.0.1"},
    {"0x7f.0.0.1", address, "127.0.0.1"},
    {"0X7F.0.0.1", address, "127.0.0.1"},
    {"0xc0.0250.01", address, "192.168.0.1"},
    {"00", address, "0.0.0.0"},
    {"010", address, "0.0.0.8"},
    {"0", address, "0.0.0.0"},
    // "0x" without digits is zero.
    {"0x", address, "0.0.0.0"},
    {"0x.0x.0", address, "0.0.0.0"},
    // One to three parts: the last part fills the remaining bytes.
    {"2130706433", address, "127.0.0.1"},
    {"0x7f000001", address, "127.0.0.1"},
    {"017700000001", address, "127.0.0.1"},
    {"127.1", address, "127.0.0.1"},
    {"0x7f.1", address, "127.0.0.1"},
    {"127.0.1", address, "127.0.0.1"},
    {"1.2.3", address, "1.2.0.3"},
    {"0.0x300", address, "0.0.3.0"},
    // Upper bound of the last part for each part count, and one past it.
    {"4294967295", address, "255.255.255.255"},
    {"0xffffffff", address, "255.255.255.255"},
    {"037777777777", address, "255.255.255.255"},
    {"4294967296", invalid},
    {"0x100000000", invalid},
    {"040000000000", invalid},
    {"99999999999999999999999999", invalid},
    {"0xffffffffffffffffffffffff", invalid},
    {"1.16777215", address, "1.255.255.255"},
    {"1.16777216", invalid},
    {"1.2.65535", address, "1.2.255.255"},
    {"1.2.65536", invalid},
    {"1.2.3.255", address, "1.2.3.255"},
    {"1.2.3.256", invalid},
    // A leading part above 255, in each position.
    {"256.1", invalid},
    {"0x100.2.3.4", invalid},
    {"1.256.3.4", invalid},
    {"1.2.256.4", invalid},
    {"256.256.256.256", invalid},
    // One trailing dot is dropped; a second makes an empty last label, hence a name.
    {"127.0.0.1.", address, "127.0.0.1"},
    {"2130706433.", address, "127.0.0.1"},
    {"1.2.3.4.5.", invalid},
    {"1.2.3.4..", not_ipv4},
    {"foo.09..", not_ipv4},
    // Too many parts, empty parts.
    {"1.2.3.4.5", invalid},
    {"256.256.256.256.256", invalid},
    {"1..2", invalid},
    {"0..0x300", invalid},
    {".1", invalid},
    // Digits that are not digits of the part's radix.
    {"1.2.3.09", invalid},
    {"08", invalid},
    {"0x7g", not_ipv4},
    {"1.2.3.0x7g", not_ipv4},
    {"0xx1", not_ipv4},
    // Names: only the last label decides whether the host is meant as an address.
    {"", not_ipv4},
    {".", not_ipv4},
    {"example.com", not_ipv4},
    {"1.2.3.4.example", not_ipv4},
    {"0x7f.example", not_ipv4},
    {"1e3", not_ipv4},
    {"-1", not_ipv4},
    {"example.0x7f", invalid},
    {"example.123", invalid},
    {"foo.09", invalid},
};

TEST_CASE("parse_whatwg_ipv4 follows the WHATWG URL Standard") {
  for (const auto& c : host_cases) {
    CAPTURE(c.host);
    const auto parsed = parse_whatwg_ipv4(c.host);
    CHECK(parsed.kind == c.kind);
    if (c.kind == address) CHECK(format_ipv4(parsed.address) == c.address);
  }
}

TEST_CASE("format_ipv4 writes a dotted quad, most significant byte first") {
  struct format_case {
    std::uint32_t address;
    std::string_view text;
  };
  constexpr format_case cases[] = {
      {0, "0.0.0.0"},
      {0x7f000001, "127.0.0.1"},
      {0xc0a80a01, "192.168.10.1"},
      {0xffffffff, "255.255.255.255"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(format_ipv4(c.address) == c.text);
  }
}

}  // namespace
}  // namespace geocrawl
