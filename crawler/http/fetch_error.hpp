#pragma once
// Why a fetch failed after the connection was made (dial failures are dial_errc).
// The short codes are stable: they are written to JSON and SQLite.
#include <string>
#include <string_view>
#include <type_traits>

#include <boost/system/error_code.hpp>

#include "crawler/view/view.hpp"
#include "proxies/dial_error.hpp"

namespace geocrawl {

enum class fetch_errc {
  bad_url = 1,         // not an http(s) URL a browser would fetch
  timeout,             // a phase or the whole view ran out of time
  tls,                 // handshake failed or the certificate was rejected
  http,                // malformed or unexpected HTTP from the server
  too_many_redirects,  // more than limits.max_redirects hops
  redirect_loop,       // a hop repeated with the same cookies: it would never end
  decode,              // the Content-Encoding could not be decoded
};

const boost::system::error_category& fetch_category() noexcept;
std::string_view short_code(fetch_errc code) noexcept;

inline boost::system::error_code make_error_code(fetch_errc code) noexcept {
  return {static_cast<int>(code), fetch_category()};
}

inline view_error make_view_error(fetch_errc code, std::string message) {
  return {std::string(short_code(code)), std::move(message)};
}

inline view_error make_view_error(const dial_failure& failure) {
  return {std::string(short_code(failure.code)), failure.message};
}

}  // namespace geocrawl

template <>
struct boost::system::is_error_code_enum<geocrawl::fetch_errc> : std::true_type {};
