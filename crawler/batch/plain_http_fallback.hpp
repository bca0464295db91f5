#pragma once
// A bare domain ("example.com") names no scheme: it is fetched as https first and, when
// that fails at the connection, as http. `crawl` and `fetch` both go this way.
#include <string>
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "crawler/batch/retry_policy.hpp"
#include "crawler/vantage/vantage_plan.hpp"

namespace geocrawl {

// `fetch_one(site_request)` returns awaitable<view>; with an empty `fallback_url` (the site
// was written with its scheme) it is awaited once.
template <class FetchOne>
boost::asio::awaitable<view> fetch_with_plain_http_fallback(site_request request,
                                                            std::string fallback_url,
                                                            FetchOne fetch_one) {
  view record = co_await fetch_one(request);
  if (fallback_url.empty() || !worth_plain_http(record)) co_return record;
  request.request.fetch.url = std::move(fallback_url);
  co_return co_await fetch_one(std::move(request));
}

}  // namespace geocrawl
