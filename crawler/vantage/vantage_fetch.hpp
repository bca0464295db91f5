#pragma once
// A view for a vantage: direct, or through the pool of proxies verified for the
// vantage's country, failing over to another of them when a proxy (not the target)
// fails. A country vantage never falls back to a direct fetch or another country: with
// no proxy left the view fails with no_proxy_for_country.
#include <functional>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "crawler/http/fetch_view.hpp"
#include "crawler/vantage/vantage_visit.hpp"
#include "crawler/view/rendered_page.hpp"
#include "proxies/exit_check.hpp"
#include "proxies/proxy_pool.hpp"

namespace geocrawl {

// Where this machine's direct connections exit, as checked through the echo URL: what every
// direct view records, so a comparison knows which country the baseline really tested.
struct direct_exit {
  std::string ip;          // as the echo URL saw it; empty when not seen
  std::string country;     // verified; empty when not
  std::string geoip;       // the GeoIP build(s) that placed it
  std::string unverified;  // why the country is not verified; empty when it is
  std::string checked_at;  // when the direct check was made; empty when there was none
};

struct vantage_request {
  fetch_request fetch;  // its proxy is chosen here
  std::string country;  // empty: direct
  direct_exit direct;   // recorded on the view when direct
  // The site's session token for session-style proxies (proxy_session.hpp), made when its
  // requests were: a secret like the proxy's credentials. A view starting more than the
  // proxy's session_ttl after `session_made` gets a session of its own: the provider would
  // have moved the old one's exit by then.
  std::string session_token;
  std::chrono::steady_clock::time_point session_made{};
  // For a vantage with render = true: the browser it is rendered as, after its served view,
  // through the same proxy and session (view::rendered).
  std::optional<render_emulation> render;
  // The site's visit by this vantage, when its requests share a connection (vantage_visit.hpp):
  // the next request goes out over the connection, and through the proxy lease, the last one
  // left open. nullptr: each request dials its own. Not used with `brackets` below.
  vantage_visit* visit = nullptr;
};

// Renders a URL as a browser with the given emulation through the given proxy (none: direct):
// crawler/render's render_driver, handed down by the commands that render. A function, so this
// layer needs no browser.
using view_renderer = std::function<boost::asio::awaitable<rendered_page>(
    std::string url, std::optional<proxy_endpoint> proxy, render_emulation emulation)>;

// `renderer`: for a request with `render`, the view's rendered page is made with it while the
// proxy is still leased, after the served view and before the check after it. Without one (or
// without `render`), nothing is rendered.
//
// [verify] mode = "per_site": each view through a proxy is bracketed by an echo check through
// the same proxy just before and just after it. The view relies on the check before (a proxy
// whose check before is not ok is passed over, like one that failed); when the check after
// places the exit in another country, the view is marked exit_changed. Every check is handed
// to `record`, to be reported and stored with the run.
struct exit_brackets {
  std::function<boost::asio::awaitable<proxy_check>(const pooled_proxy&)> check;
  std::function<void(const proxy_check&)> record;
};

// Every use of the pool happens on the calling coroutine's executor, which must be one
// strand (or a one-thread io_context). `no_proxy_reason` explains, for the error
// message, why a country has no proxy at all (e.g. how its proxies failed verification);
// taken by value, like everything a coroutine keeps past its first suspension.
boost::asio::awaitable<view> fetch_for_vantage(const vantage_request& request,
                                               const fetch_limits& limits,
                                               const fetch_environment& environment,
                                               proxy_pool& pool, std::string no_proxy_reason,
                                               const exit_brackets* brackets = nullptr,
                                               const view_renderer* renderer = nullptr);

// The view recorded when fetching it hit a bug (an exception out of the fetch): the
// site's other views go on, and the record says what happened.
view internal_error_view(const vantage_request& request, std::string what);

}  // namespace geocrawl
