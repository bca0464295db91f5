#pragma once
// Why a rendered view (view::rendered) did not finish: the browser is missing or died, the page
// ran out of its time or memory, opened too many windows, or could not be loaded. Beside
// view_errc in the plain view layer, so the store and the outputs read the codes back without
// the render layer. Each value has a stable short code, like dial_errc and fetch_errc.
#include <string_view>
#include <type_traits>

#include <boost/system/error_code.hpp>

#include "proxies/coded_category.hpp"

namespace geocrawl {

enum class render_errc {
  unavailable = 1,  // no Chromium could be started (missing, or it failed to start)
  crashed,          // the browser or the page's renderer died, or DevTools broke mid-view
  timeout,          // the view's [render] timeout_ms ran out; what was read before is kept
  memory,           // the page's renderer ran out of the [render] memory_mb heap, or was killed
                    // as the largest when the browser passed [render] browser_memory_mb
  targets,          // the page asked for more than [render] max_targets windows; read in full
  load_failed,      // the navigation failed (the relay refused or the site did not answer)
  protocol,         // Chromium refused a DevTools command or answered nonsense
};

const coded_category& render_category() noexcept;

// Whether the browser failed geocrawl rather than the page failing in it: it could not be
// started, it died, or it refused DevTools. A run with such a view is degraded (its rendered
// comparisons are missing for a reason of ours); a page out of time, memory or windows, or one
// that did not load, is the site's result.
bool is_browser_failure(render_errc code) noexcept;
// The same for any error: false for one that is not a render_errc.
bool is_browser_failure(const boost::system::error_code& code) noexcept;
// Those codes, as a degraded run's message names them.
inline constexpr std::string_view browser_failure_codes =
    "render_unavailable, render_crashed or render_protocol";

inline boost::system::error_code make_error_code(render_errc code) noexcept {
  return {static_cast<int>(code), render_category()};
}

}  // namespace geocrawl

template <>
struct boost::system::is_error_code_enum<geocrawl::render_errc> : std::true_type {};
