#pragma once
// A view for a vantage: direct, or through the pool of proxies verified for the
// vantage's country, failing over to another of them when a proxy (not the target)
// fails. A country vantage never falls back to a direct fetch or another country: with
// no proxy left the view fails with no_proxy_for_country.
#include <string>

#include <boost/asio/awaitable.hpp>

#include "crawler/http/fetch_view.hpp"
#include "proxies/proxy_pool.hpp"

namespace geocrawl {

// Where this machine's direct connections exit, as checked through the echo URL: what every
// direct view records, so a comparison knows which country the baseline really tested.
struct direct_exit {
  std::string ip;          // as the echo URL saw it; empty when not seen
  std::string country;     // verified; empty when not
  std::string geoip;       // the GeoIP build(s) that placed it
  std::string unverified;  // why the country is not verified; empty when it is
};

struct vantage_request {
  fetch_request fetch;  // its proxy is chosen here
  std::string country;  // empty: direct
  direct_exit direct;   // recorded on the view when direct
};

// Every use of the pool happens on the calling coroutine's executor, which must be one
// strand (or a one-thread io_context). `no_proxy_reason` explains, for the error
// message, why a country has no proxy at all (e.g. how its proxies failed verification);
// taken by value, like everything a coroutine keeps past its first suspension.
boost::asio::awaitable<view> fetch_for_vantage(const vantage_request& request,
                                               const fetch_limits& limits,
                                               const fetch_environment& environment,
                                               proxy_pool& pool, std::string no_proxy_reason);

// The view recorded when fetching it hit a bug (an exception out of the fetch): the
// site's other views go on, and the record says what happened.
view internal_error_view(const vantage_request& request, std::string what);

}  // namespace geocrawl
