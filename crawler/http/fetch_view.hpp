#pragma once
// Fetches one URL for one vantage as a browser would: each hop dialled (directly or
// through the request's proxy) under the address policy, TLS when https, redirects and
// cookies followed, everything bounded.
// Failures are recorded in the view; this never throws for anything a site does.
#include <string>

#include <boost/asio/awaitable.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/http/fetch_limits.hpp"
#include "crawler/http/request_profile.hpp"
#include "crawler/view/view.hpp"
#include "proxies/proxy_pool.hpp"

namespace geocrawl {

class connection_keeper;

struct fetch_request {
  std::string url;
  std::string vantage;
  request_profile profile;
  const pooled_proxy* proxy = nullptr;  // every hop goes through it; nullptr: direct
  // Where a connection left open waits for the visitor's next request (connection_keeper.hpp),
  // and where this fetch looks for one first; nullptr: the connection may carry the hops of
  // this view's redirect chain and is closed with the view.
  connection_keeper* keeper = nullptr;
};

boost::asio::awaitable<view> fetch_view(const fetch_request& request, const fetch_limits& limits,
                                        const fetch_environment& environment);

}  // namespace geocrawl
