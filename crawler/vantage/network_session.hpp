#pragma once
// What every network command sets up from the config: one io_context, the system
// resolver, the target address policy and the TLS context, handed out together as the
// fetch_environment.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include "crawler/config/config.hpp"
#include "crawler/http/fetch_view.hpp"
#include "proxies/address_policy.hpp"
#include "proxies/host_resolver.hpp"

namespace geocrawl {

class network_session {
 public:
  // Throws config_error when tls.ca_file cannot be loaded. `capture` on: every hop keeps its
  // bytes and certificate chain for WARC.
  explicit network_session(const config& settings, wire_capture capture = wire_capture::off);

  boost::asio::io_context& io() noexcept { return io_; }
  const fetch_environment& environment() const noexcept { return environment_; }

 private:
  boost::asio::io_context io_;
  system_resolver resolver_;
  address_policy policy_;
  boost::asio::ssl::context tls_context_;
  fetch_environment environment_;
};

}  // namespace geocrawl
