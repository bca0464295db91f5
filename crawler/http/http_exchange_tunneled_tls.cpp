// exchange() over tunneled_tls_stream: HTTPS through the TLS of an https:// proxy.
#include "crawler/http/http_exchange_impl.hpp"

#include "proxies/tls_stream.hpp"

namespace geocrawl {

template boost::asio::awaitable<hop_response> exchange<tunneled_tls_stream>(
    tunneled_tls_stream&, const hop_request&, const fetch_limits&,
    std::chrono::steady_clock::time_point);

}  // namespace geocrawl
