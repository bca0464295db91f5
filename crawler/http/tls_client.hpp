#pragma once
// The TLS layer over an established connection: SNI, certificate verification against
// the system store (plus tls.ca_file), and the certificate evidence a view keeps.
#include <chrono>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/system/result.hpp>

#include "crawler/http/tls_settings.hpp"
#include "crawler/view/view.hpp"
#include "proxies/tls_stream.hpp"

// OpenSSL's SSL, declared so this header does not pull in OpenSSL's.
struct ssl_st;

namespace geocrawl {

// Throws std::runtime_error naming the file when ca_file cannot be loaded.
boost::asio::ssl::context make_tls_context(const tls_settings& settings);

using tls_result = boost::system::result<tls_summary, view_error>;

// Handshakes as a browser would for `host` (SNI unless it is an IP literal, host name
// checked against the certificate). With enforce_verification off, a bad certificate
// is recorded in the summary instead of failing the handshake.
// Stream: tls_stream, or tunneled_tls_stream for a target behind an https:// proxy.
template <class Stream>
boost::asio::awaitable<tls_result> tls_handshake(Stream& stream, const std::string& host,
                                                 bool enforce_verification,
                                                 std::chrono::steady_clock::time_point deadline);

// The certificate chain the peer sent, PEM, leaf first; empty when it sent none.
std::string peer_chain_pem(ssl_st* ssl);

}  // namespace geocrawl
