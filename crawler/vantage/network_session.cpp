#include "crawler/vantage/network_session.hpp"

#include "crawler/http/tls_client.hpp"

namespace geocrawl {

namespace {

boost::asio::ssl::context tls_context_for(const config& settings) {
  try {
    return make_tls_context(settings.tls);
  } catch (const std::runtime_error& error) {
    throw config_error(settings.source + ": " + error.what());
  }
}

}  // namespace

network_session::network_session(const config& settings, wire_capture capture)
    : resolver_(io_.get_executor()),
      policy_(settings.allow_networks),
      tls_context_(tls_context_for(settings)),
      environment_{resolver_, policy_, tls_context_, settings.tls.verify, capture} {}

}  // namespace geocrawl
