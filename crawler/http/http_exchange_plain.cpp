// exchange() over boost::beast::tcp_stream: plain HTTP, directly or to an HTTP proxy.
#include "crawler/http/http_exchange_impl.hpp"

#include <boost/beast/core/tcp_stream.hpp>

namespace geocrawl {

template boost::asio::awaitable<hop_response> exchange<boost::beast::tcp_stream>(
    boost::beast::tcp_stream&, const hop_request&, const fetch_limits&,
    std::chrono::steady_clock::time_point);

}  // namespace geocrawl
