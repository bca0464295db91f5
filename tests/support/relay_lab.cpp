#include "tests/support/relay_lab.hpp"

#include <future>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "proxies/address_policy.hpp"
#include "tests/support/static_resolver.hpp"

namespace geocrawl::testing {

using namespace std::chrono_literals;

relay_limits quick_relay_limits() {
  relay_limits limits;
  limits.idle_timeout = 300ms;
  limits.connect_timeout = 1s;
  return limits;
}

namespace {

std::vector<ip_network> networks(const std::vector<std::string>& allow) {
  std::vector<ip_network> parsed;
  for (const auto& text : allow) parsed.push_back(*parse_ip_network(text));
  return parsed;
}

}  // namespace

struct relay_lab::impl {
  impl(const std::vector<std::string>& allow, std::optional<proxy_endpoint> proxy,
       relay_limits limits)
      : policy(networks(allow)),
        relay(std::make_unique<loopback_relay>(io, environment, std::move(proxy), limits)) {
    thread = std::thread([this] {
      io.run();
      ran.set_value();
    });
  }

  boost::asio::io_context io;
  // A name the relay resolves itself (a direct vantage) fails as dns: tests dial by address,
  // or by a name a proxy resolves.
  static_resolver resolver{{}};
  address_policy policy;
  boost::asio::ssl::context tls{boost::asio::ssl::context::tls_client};
  fetch_environment environment{resolver, policy, tls};
  std::unique_ptr<loopback_relay> relay;
  std::promise<void> ran;
  std::thread thread;
};

relay_lab::relay_lab(std::vector<std::string> allow, std::optional<proxy_endpoint> proxy,
                     relay_limits limits)
    : impl_(std::make_unique<impl>(allow, std::move(proxy), limits)) {}

relay_lab::~relay_lab() {
  if (impl_->thread.joinable()) finish();
}

std::uint16_t relay_lab::port() const { return impl_->relay->port(); }

relay_request_log relay_lab::snapshot() {
  std::promise<relay_request_log> copy;
  auto copied = copy.get_future();
  boost::asio::post(impl_->io, [&] { copy.set_value(impl_->relay->log()); });
  if (copied.wait_for(1s) != std::future_status::ready) return {};
  return copied.get();
}

relay_request_log relay_lab::wait_for_requests(std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  auto log = snapshot();
  while (log.requests.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
    log = snapshot();
  }
  return log;
}

relay_request_log relay_lab::finish() {
  boost::asio::post(impl_->io, [this] { impl_->relay->stop(); });
  auto ran = impl_->ran.get_future();
  ended_in_time_ = ran.wait_for(2s) == std::future_status::ready;
  if (!ended_in_time_) impl_->io.stop();
  impl_->thread.join();
  return impl_->relay->log();
}

}  // namespace geocrawl::testing
