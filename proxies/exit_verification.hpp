#pragma once
// Deciding whether a proxy really exits in the country it is declared for: read the exit
// address an echo service saw, geolocate it (in one or two databases), and judge.
// Pure functions; the fetching is the crawler's (crawler/vantage/proxy_check.cpp).
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>

#include "proxies/exit_check.hpp"

namespace geocrawl {

class geoip_database;

// The caller's address from an echo service's answer: the body is the address alone
// (surrounding whitespace allowed) or a JSON object with an "ip" member, as
// api.ipify.org?format=json, ifconfig.co/json and httpbin.org/ip ("origin") answer.
std::optional<boost::asio::ip::address> parse_echo_body(std::string_view body);

exit_location locate_exit(const boost::asio::ip::address& exit, const geoip_database& first,
                          const geoip_database* second);

// echo_seen: the location is of an exit address an echo service reported (else of the
// proxy's own address, which can only give `unverified`).
exit_verdict judge_exit(std::string_view declared_country, const exit_location& location,
                        bool echo_seen);

}  // namespace geocrawl
