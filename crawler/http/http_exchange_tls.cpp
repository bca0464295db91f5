// exchange() over tls_stream: HTTPS to the origin (directly or through a SOCKS5 / CONNECT tunnel).
#include "crawler/http/http_exchange_impl.hpp"

#include "proxies/tls_stream.hpp"

namespace geocrawl {

template boost::asio::awaitable<hop_response> exchange<tls_stream>(
    tls_stream&, const hop_request&, const fetch_limits&, std::chrono::steady_clock::time_point);

}  // namespace geocrawl
