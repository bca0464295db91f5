#pragma once
// What every hop of a fetch is dialled with: the resolver, the target address policy and
// the TLS context, shared by all views of a command. Its own header so a hop's connection
// and a view's fetch both see it without seeing each other.
namespace boost::asio::ssl {
class context;
}

namespace geocrawl {

class address_policy;
class host_resolver;

struct fetch_environment {
  host_resolver& resolver;
  const address_policy& policy;
  boost::asio::ssl::context& tls_context;
  bool enforce_tls_verification = true;
};

}  // namespace geocrawl
