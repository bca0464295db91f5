#pragma once
// TLS over TCP: to a target, or to an https:// proxy. A target reached through an https
// proxy is TLS inside that: tunneled_tls_stream.
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace geocrawl {

using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
using tunneled_tls_stream = boost::beast::ssl_stream<tls_stream>;

}  // namespace geocrawl
