// socks5_handshake() and http_connect_handshake() over boost::beast::test::stream, for scripted
// proxies: the unit tests and tests/fuzz/proxy_reply_fuzz.cpp.
#include <boost/beast/_experimental/test/stream.hpp>

#include "proxies/http_connect_impl.hpp"
#include "proxies/socks5_impl.hpp"

namespace geocrawl {

template boost::asio::awaitable<tunnel_result> socks5_handshake<boost::beast::test::stream>(
    boost::beast::test::stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    std::chrono::steady_clock::time_point);
template boost::asio::awaitable<tunnel_result> http_connect_handshake<boost::beast::test::stream>(
    boost::beast::test::stream&, const tunnel_target&, const std::optional<proxy_credentials>&,
    std::chrono::steady_clock::time_point, std::size_t);

}  // namespace geocrawl
