#include "crawler/fetch_view.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/url/url.hpp>

#include "crawler/cookie_jar.hpp"
#include "crawler/fetch_error.hpp"
#include "crawler/http_exchange.hpp"
#include "crawler/redirect_policy.hpp"
#include "crawler/sha256.hpp"
#include "crawler/timestamp.hpp"
#include "crawler/tls_client.hpp"
#include "parsers/web_url.hpp"
#include "proxies/direct_dialer.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace urls = boost::urls;
using clock = std::chrono::steady_clock;

namespace {

std::chrono::milliseconds since(clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
}

// One request of the chain: connect, TLS for https, exchange. What the connection
// tells about the hop (peer, certificate, timings) goes straight into the view, so the
// view describes the hop that produced its final response.
//
// Every co_await below takes named objects only: GCC 12 destroys temporaries created
// inside a co_await expression twice (GCC bug 99576).
asio::awaitable<hop_response> fetch_hop(const urls::url_view& url, const std::string& cookie_header,
                                        const fetch_request& request, const fetch_limits& limits,
                                        const fetch_environment& environment,
                                        clock::time_point view_deadline, view& record) {
  const direct_dialer dialer(environment.resolver, environment.policy);
  const auto host = connect_host(url);
  const dial_request target{host, connect_port(url), std::min(clock::now() + limits.connect_timeout, view_deadline)};
  auto dialed = co_await dialer.dial(target);
  hop_response failed;
  if (!dialed) {
    failed.error = make_view_error(dialed.error());
    co_return failed;
  }
  record.peer_address = dialed->peer.address().to_string();
  record.timings.dns = dialed->dns_time;
  record.timings.connect = dialed->connect_time;
  record.timings.tls = {};
  record.tls.reset();

  const hop_request hop{url, request.profile, cookie_header};
  if (url.scheme_id() != urls::scheme::https) {
    co_return co_await exchange(dialed->stream, hop, limits, view_deadline);
  }
  tls_stream stream(std::move(dialed->stream), environment.tls_context);
  const auto handshake_start = clock::now();
  const auto handshake_deadline = std::min(clock::now() + limits.read_timeout, view_deadline);
  auto tls = co_await tls_handshake(stream, host, environment.enforce_tls_verification, handshake_deadline);
  record.timings.tls = since(handshake_start);
  if (!tls) {
    failed.error = tls.error();
    co_return failed;
  }
  record.tls = std::move(*tls);
  // No TLS shutdown: the response is complete or abandoned either way, and waiting for
  // the peer's close_notify would only spend time on servers that never send it.
  co_return co_await exchange(stream, hop, limits, view_deadline);
}

}  // namespace

asio::awaitable<view> fetch_view(const fetch_request& request, const fetch_limits& limits,
                                 const fetch_environment& environment) {
  view record;
  record.vantage = request.vantage;
  record.requested_url = request.url;
  record.fetched_at = utc_timestamp();
  const auto started = clock::now();
  const auto view_deadline = started + limits.view_timeout;

  auto parsed = parse_web_url(request.url);
  if (!parsed) {
    record.error = make_view_error(fetch_errc::bad_url, parsed.error());
    co_return record;
  }
  urls::url url = std::move(*parsed);
  cookie_jar cookies;
  redirect_guard guard(limits.max_redirects);
  for (;;) {  // every pass is admitted by the guard, which bounds the chain
    const auto cookie_header = cookies.header_for(url, std::chrono::system_clock::now());
    if (auto refused = guard.admit(std::string(url.buffer()), cookie_header)) {
      record.error = std::move(refused);
      break;
    }
    record.final_url = url.buffer();
    auto response = co_await fetch_hop(url, cookie_header, request, limits, environment, view_deadline, record);
    for (const auto& set_cookie : response.set_cookies) {
      cookies.store(set_cookie, url, std::chrono::system_clock::now());
    }
    if (response.status != 0) record.redirects.push_back({record.final_url, response.status});
    record.status = response.status;
    record.response_headers = std::move(response.headers);
    record.content_type = std::move(response.content_type);
    record.content_encoding = std::move(response.content_encoding);
    record.body = std::move(response.body);
    record.wire_bytes = response.wire_bytes;
    record.truncated = response.truncated;
    record.truncated_reason = std::move(response.truncated_reason);
    record.timings.first_byte = response.first_byte;
    if (response.error) {
      record.error = std::move(response.error);
      break;
    }
    if (!is_followed_redirect(response.status) || response.location.empty()) break;
    auto next = resolve_web_url(url, response.location);
    if (!next) {
      record.error = make_view_error(fetch_errc::bad_url, "redirect to an invalid location: " + next.error());
      break;
    }
    url = std::move(*next);
  }
  record.sha256 = sha256_hex(record.body);
  record.timings.total = since(started);
  co_return record;
}

}  // namespace geocrawl
