#pragma once
// Why a screenshot (or, later, a rendered view) could not be taken: the browser is missing,
// would not start, died, or a page ran out of time. Each value has a stable short code for the
// report and SQLite, like dial_errc and fetch_errc.
#include <type_traits>

#include <boost/system/error_code.hpp>

#include "proxies/coded_category.hpp"

namespace geocrawl {

enum class browser_errc {
  unavailable = 1,      // no Chromium at the configured path, or its restarts are spent
  launch_failed,        // Chromium started but exited or never opened its DevTools port
  crashed,              // the browser died or its DevTools connection broke mid-page
  timeout,              // the page did not finish within its time limit
  protocol,             // Chromium refused a DevTools command or answered nonsense
  unsupported_content,  // a body of a type that is not rendered (not HTML or text)
};

const coded_category& browser_category() noexcept;

inline boost::system::error_code make_error_code(browser_errc code) noexcept {
  return {static_cast<int>(code), browser_category()};
}

}  // namespace geocrawl

template <>
struct boost::system::is_error_code_enum<geocrawl::browser_errc> : std::true_type {};
