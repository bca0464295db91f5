#include "crawler/http/fetch_view.hpp"

#include <memory>

#include <boost/asio/ssl/context.hpp>
#include <boost/url/url.hpp>

#include "crawler/http/connection_keeper.hpp"
#include "crawler/http/cookie_jar.hpp"
#include "crawler/http/fetch_error.hpp"
#include "crawler/http/hop_connection.hpp"
#include "crawler/http/http_exchange.hpp"
#include "crawler/http/proxy_answer.hpp"
#include "crawler/http/redirect_policy.hpp"
#include "crawler/view/sha256.hpp"
#include "crawler/view/timestamp.hpp"
#include "parsers/web_url.hpp"
#include "proxies/elapsed.hpp"

namespace geocrawl {

namespace asio = boost::asio;
namespace urls = boost::urls;
using clock = std::chrono::steady_clock;

namespace {

// A request in absolute form goes to the proxy, so a 407 is the proxy's answer, not the site's:
// the proxy wants credentials or refused them, as it would say to a CONNECT. It is a failure of
// the proxy, which another proxy of the country may not share.
hop_response proxy_auth_refusal(const proxy_endpoint& proxy, const urls::url_view& url) {
  auto error = make_view_error(dial_failure{
      dial_errc::proxy_auth,
      (proxy.credentials ? "the proxy rejected the credentials for "
                         : "the proxy wants credentials, and the proxy URL has none, for ") +
          std::string(url.buffer()) + ": 407"});
  error.proxy_fault = is_proxy_fault(dial_errc::proxy_auth);
  hop_response refused;
  refused.error = std::move(error);
  return refused;
}

// A response the proxy wrote in the site's place (proxy_answer.hpp): the view records that the
// proxy could not reach the site, as a refused CONNECT would, and not a status the site never
// sent. Its status and page are dropped with it: they describe the proxy.
hop_response proxy_error_page(const urls::url_view& url, int status, const proxy_answer& answer) {
  hop_response refused;
  refused.error = make_view_error(dial_failure{
      dial_errc::proxy_refused, "the proxy answered " + std::to_string(status) + " in place of " +
                                    std::string(url.buffer()) + " (" + answer.evidence + ")"});
  refused.error->proxy_fault = answer.proxy_fault;
  return refused;
}

// How the hop reached its server, into the view: the view describes the hop that produced its
// final response. A connection kept from an earlier request cost nothing to open this time.
void note_connection(const hop_facts& facts, bool reused, view& record) {
  record.peer_address = facts.peer_address;
  record.tls = facts.tls;
  record.timings.dns = reused ? std::chrono::milliseconds(0) : facts.dns_time;
  record.timings.connect = reused ? std::chrono::milliseconds(0) : facts.connect_time;
  record.timings.tls = reused ? std::chrono::milliseconds(0) : facts.tls_time;
}

// A request sent over a kept connection as the server closed it finds the connection gone
// before any byte of a response: the request may be sent again on a new one (RFC 9112 section
// 9.3.1; a GET is idempotent). A timeout is not that: the server may be working on it.
bool lost_on_kept_connection(const hop_response& response) {
  return response.status == 0 && response.error && response.error->code != fetch_errc::timeout;
}

// One request of the chain: over the keeper's connection for its route, or a new one (connect,
// TLS for https), then the exchange; the connection goes back to the keeper when it can carry
// another request.
//
// Every co_await below takes named objects only: GCC 12 destroys temporaries created
// inside a co_await expression twice (GCC bug 99576).
asio::awaitable<hop_response> fetch_hop(const urls::url_view& url, const std::string& cookie_header,
                                        const fetch_request& request, const fetch_limits& limits,
                                        const fetch_environment& environment,
                                        clock::time_point view_deadline, connection_keeper& keeper,
                                        view& record) {
  const proxy_endpoint* proxy = request.proxy ? &request.proxy->endpoint : nullptr;
  const auto route = hop_route(url, proxy);
  auto connection = keeper.take(route, clock::now());
  bool reused = connection != nullptr;
  hop_response response;
  // At most twice: a kept connection that was lost is replaced once by a new one.
  for (;;) {
    if (!connection) {
      hop_facts facts;
      auto connected =
          co_await open_hop_connection(url, proxy, limits, environment, view_deadline, facts);
      note_connection(facts, false, record);
      if (!connected) {
        hop_response failed;
        failed.error = connected.error();
        co_return failed;
      }
      connection = std::make_unique<kept_connection>(
          kept_connection{route, std::move(*connected), std::move(facts)});
    } else {
      note_connection(connection->facts, true, record);
    }
    const auto& facts = connection->facts;
    const hop_request hop{url,        request.profile,           cookie_header,
                          facts.form, facts.proxy_authorization, environment.capture};
    // No TLS shutdown: the response is complete or abandoned either way, and waiting for
    // the peer's close_notify would only spend time on servers that never send it.
    auto exchanged =
        std::visit([&](auto& stream) { return exchange(stream, hop, limits, view_deadline); },
                   connection->stream);
    response = co_await std::move(exchanged);
    if (!reused || !lost_on_kept_connection(response)) break;
    connection.reset();
    reused = false;
  }
  if (response.capture) {
    response.capture->target_uri = url.buffer();
    if (proxy == nullptr) response.capture->ip_address = connection->facts.peer_address;
  }
  if (connection->facts.form == request_form::absolute) {
    if (response.status == 407) co_return proxy_auth_refusal(*proxy, url);
    if (const auto answer = proxy_own_answer(response.status, response.headers, proxy->host))
      co_return proxy_error_page(url, response.status, *answer);
  }
  if (response.reusable) keeper.keep(std::move(connection), clock::now());
  co_return response;
}

}  // namespace

asio::awaitable<view> fetch_view(const fetch_request& request, const fetch_limits& limits,
                                 const fetch_environment& environment) {
  view record;
  record.vantage = request.vantage;
  if (request.proxy) {
    record.proxy = request.proxy->name;
    record.exit_ip = request.proxy->exit_ip;
    record.exit_country = request.proxy->exit_country;
    record.exit_geoip = request.proxy->geoip_build;
    record.exit_checked_at = request.proxy->checked_at;
  }
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
  connection_keeper own_keeper;
  auto& keeper = request.keeper ? *request.keeper : own_keeper;
  cookie_jar cookies;
  redirect_guard guard(limits.max_redirects);
  for (;;) {  // every pass is admitted by the guard, which bounds the chain
    const auto cookie_header = cookies.header_for(url, std::chrono::system_clock::now());
    if (auto refused = guard.admit(std::string(url.buffer()), cookie_header)) {
      record.error = std::move(refused);
      break;
    }
    record.final_url = url.buffer();
    auto response = co_await fetch_hop(url, cookie_header, request, limits, environment,
                                       view_deadline, keeper, record);
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
    if (response.capture) record.captures.push_back(std::move(*response.capture));
    if (response.error) {
      record.error = std::move(response.error);
      break;
    }
    const auto step = next_chain_step(record.status, response.location, record.response_headers,
                                      record.content_type, record.body, limits.max_refresh_delay);
    if (!step) break;
    auto next = resolve_web_url(url, step->reference);
    if (step->via != redirect_kind::location) {
      // A refresh is the page's wish, not the protocol's: one that cannot be followed
      // (invalid, a loop, over the limit) leaves the visitor on this page.
      if (!next || !guard.admits(std::string(next->buffer()),
                                 cookies.header_for(*next, std::chrono::system_clock::now())))
        break;
    } else if (!next) {
      record.error =
          make_view_error(fetch_errc::bad_url, "redirect to an invalid location: " + next.error());
      break;
    }
    record.redirects.back().next = step->via;
    url = std::move(*next);
  }
  record.sha256 = sha256_hex(record.body);
  record.timings.total = elapsed_since(started);
  co_return record;
}

}  // namespace geocrawl
