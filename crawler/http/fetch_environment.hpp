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

// Whether each hop keeps its bytes as sent and received, and the certificate chain, for WARC
// (view.hpp: hop_capture). Off, nothing is copied.
enum class wire_capture { off, on };

struct fetch_environment {
  host_resolver& resolver;
  const address_policy& policy;
  boost::asio::ssl::context& tls_context;
  bool enforce_tls_verification = true;
  wire_capture capture = wire_capture::off;
};

}  // namespace geocrawl
