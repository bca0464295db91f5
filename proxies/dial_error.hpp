#pragma once
// Why a connection to a target could not be made, directly or through a proxy. The
// short codes are stable: they are written to JSON and SQLite and analysts filter on them.
#include <string>
#include <type_traits>

#include <boost/system/error_code.hpp>

#include "proxies/coded_category.hpp"

namespace geocrawl {

enum class dial_errc {
  dns = 1,               // the name did not resolve (or resolution failed)
  connect,               // TCP connect refused, unreachable or reset
  timeout,               // a deadline ran out while resolving or connecting
  blocked_target,        // the target address is refused by the address policy
  proxy_connect,         // the proxy itself could not be reached (or its TLS failed)
  proxy_auth,            // the proxy wants credentials, or refused the ones given
  proxy_refused,         // the proxy would not open the tunnel (its status or reply code says why)
  proxy_protocol,        // the proxy answered something that is not SOCKS5 / HTTP as it should be
  no_proxy_for_country,  // no verified, rested proxy is left for the vantage's country
};

// Failures that say the proxy is unwell rather than the target: another proxy of the
// same country may succeed, and the failing one is rested.
bool is_proxy_fault(dial_errc code) noexcept;

const coded_category& dial_category() noexcept;

inline boost::system::error_code make_error_code(dial_errc code) noexcept {
  return {static_cast<int>(code), dial_category()};
}

// A failed dial: the code plus a message that names what was tried.
struct dial_failure {
  dial_errc code;
  std::string message;
};

}  // namespace geocrawl

template <>
struct boost::system::is_error_code_enum<geocrawl::dial_errc> : std::true_type {};
