#pragma once
// Why a fetch failed after the connection was made (dial failures are dial_errc).
// The short codes are stable: they are written to JSON and SQLite.
#include <optional>
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

const coded_category& fetch_category() noexcept;

inline boost::system::error_code make_error_code(fetch_errc code) noexcept {
  return {static_cast<int>(code), fetch_category()};
}

inline view_error make_view_error(fetch_errc code, std::string message) {
  return {make_error_code(code), std::move(message)};
}

inline view_error make_view_error(const dial_failure& failure) {
  return {make_error_code(failure.code), failure.message};
}

// The error a view's stored short code names (short_code in errors/coded_category.hpp
// writes it), for reading JSON or SQLite back; nullopt for a word that is no code. A dial
// and a fetch timeout are both written "timeout" and read back as fetch_errc::timeout.
std::optional<boost::system::error_code> parse_view_error_code(std::string_view word) noexcept;

}  // namespace geocrawl

template <>
struct boost::system::is_error_code_enum<geocrawl::fetch_errc> : std::true_type {};
