#include "crawler/rdap/rdap_client.hpp"

#include <algorithm>
#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/http/fetch_error.hpp"
#include "crawler/http/fetch_view.hpp"
#include "crawler/rdap/rdap_domain_response.hpp"
#include "crawler/rdap/retry_after.hpp"
#include "crawler/view/timestamp.hpp"
#include "parsers/ascii.hpp"
#include "parsers/web_url.hpp"
#include "proxies/dial_error.hpp"

namespace geocrawl {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// A 429 is waited out at most this often per lookup; then the server is rate limiting us.
constexpr int max_attempts = 3;
// An RDAP domain object is a few kilobytes; a megabyte is room for the verbose ones.
constexpr std::size_t max_rdap_body = 1024 * 1024;
constexpr int max_rdap_redirects = 5;
// RDAP servers are APIs, not sites that cloak: they are told honestly who asks (RFC 9110
// §10.1.5), where page fetches carry their vantage's browser profile.
constexpr std::string_view rdap_user_agent = "geocrawl/" GEOCRAWL_VERSION " (+RDAP lookups)";
// A 429 without Retry-After is waited on for as long as a server's spacing, at least a second.
constexpr milliseconds default_retry_after{1'000};

// The wait a 429's Retry-After asks for: nullopt for a value it cannot read, which counts as a
// wait past the bound; a server's spacing when it gives none.
std::optional<milliseconds> retry_after(const header_list& headers) {
  for (const auto& [name, value] : headers) {
    if (equals_ignoring_ascii_case(name, "retry-after"))
      return retry_after_wait(value, std::chrono::system_clock::now());
  }
  return default_retry_after;
}

// Requests to one server share its spacing: the host and port the URL names.
std::string server_key(const std::string& url) {
  const auto parsed = parse_web_url(url);
  return parsed ? connect_host(*parsed) + ":" + std::to_string(connect_port(*parsed)) : url;
}

void fail(registrar_record& record, rdap_outcome outcome, std::string why) {
  record.outcome = outcome;
  record.error = std::move(why);
}

// A view that got no answer: out of time, refused by the address policy, or unreachable.
void record_fetch_failure(const view_error& error, registrar_record& record) {
  if (error.code == fetch_errc::timeout || error.code == dial_errc::timeout) {
    fail(record, rdap_outcome::timed_out, error.message);
  } else if (error.code == dial_errc::blocked_target) {
    fail(record, rdap_outcome::refused, error.message);
  } else {
    fail(record, rdap_outcome::server_error, error.message);
  }
}

}  // namespace

rdap_client::rdap_client(const rdap_settings& settings, rdap_bootstrap bootstrap,
                         const fetch_environment& environment)
    : settings_(settings),
      bootstrap_(std::move(bootstrap)),
      environment_(environment),
      servers_([](std::string_view) { return std::size_t{1}; }, settings.min_interval),
      slots_(static_cast<std::size_t>(settings.concurrency)) {}

asio::awaitable<registrar_record> rdap_client::look_up(std::string domain) {
  registrar_record record;
  record.domain = domain;
  record.looked_up_at = utc_timestamp();
  const auto base = bootstrap_.base_url_for(domain);
  if (!base) {
    fail(record, rdap_outcome::no_server, "the RDAP bootstrap registry has no server for it");
    co_return record;
  }
  record.server = *base + "domain/" + domain;
  const auto deadline = clock::now() + settings_.timeout;
  const auto body = co_await ask(record.server, deadline, record);
  if (!body) co_return record;
  const auto read = read_rdap_domain(*body, record);
  if (!read) {
    fail(record, rdap_outcome::invalid_response, read.error());
    co_return record;
  }
  // The registry's answer is the lookup; the registrar's only adds to it, so its failure is
  // not the lookup's.
  if (!read->related.empty() && read->related != record.server) {
    registrar_record fuller;
    const auto more = co_await ask(read->related, deadline, fuller);
    if (more && read_rdap_domain(*more, fuller)) fill_missing(record, fuller);
  }
  co_return record;
}

asio::awaitable<std::optional<std::string>> rdap_client::ask(std::string url,
                                                             clock::time_point deadline,
                                                             registrar_record& record) {
  fetch_request request;
  request.url = std::move(url);
  request.vantage = "rdap";
  request.profile.user_agent = rdap_user_agent;
  request.profile.accept = "application/rdap+json, application/json;q=0.9";
  request.profile.accept_language = "en";
  for (int attempt = 1;; ++attempt) {
    view answer;
    {
      auto server_pass = co_await servers_.enter(server_key(request.url));
      auto slot = co_await slots_.acquire();
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - clock::now());
      if (left <= milliseconds(0)) {
        fail(record, rdap_outcome::timed_out, "no answer within [rdap] timeout");
        co_return std::nullopt;
      }
      fetch_limits limits;
      limits.view_timeout = left;
      limits.connect_timeout = std::min(limits.connect_timeout, left);
      limits.read_timeout = std::min(limits.read_timeout, left);
      limits.max_body_bytes = max_rdap_body;
      limits.max_redirects = max_rdap_redirects;
      answer = co_await fetch_view(request, limits, environment_);
    }
    record.looked_up_at = utc_timestamp();
    if (answer.error) {
      record_fetch_failure(*answer.error, record);
      co_return std::nullopt;
    }
    if (answer.status == 429) {
      const auto wait = retry_after(answer.response_headers);
      const bool too_long =
          !wait || *wait > settings_.max_retry_after || clock::now() + *wait >= deadline;
      if (too_long || attempt == max_attempts) {
        fail(record, rdap_outcome::rate_limited,
             too_long
                 ? "429 with a Retry-After past [rdap] max_retry_after or the timeout"
                 : "429 after waiting out Retry-After " + std::to_string(attempt - 1) + " times");
        co_return std::nullopt;
      }
      asio::steady_timer pause(co_await asio::this_coro::executor, *wait);
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (answer.status == 404) {
      fail(record, rdap_outcome::not_found, "404: the server does not know the domain");
    } else if (answer.status != 200) {
      fail(record, rdap_outcome::server_error, "HTTP status " + std::to_string(answer.status));
    } else if (answer.truncated) {
      fail(record, rdap_outcome::invalid_response, "the answer is larger than 1 MiB");
    } else {
      co_return std::move(answer.body);
    }
    co_return std::nullopt;
  }
}

}  // namespace geocrawl
