// exchange() over boost::beast::test::stream, for scripted servers: the unit tests and
// tests/fuzz/http_response_fuzz.cpp.
#include "crawler/http/http_exchange_impl.hpp"

#include <boost/beast/_experimental/test/stream.hpp>

namespace geocrawl {

template boost::asio::awaitable<hop_response> exchange<boost::beast::test::stream>(
    boost::beast::test::stream&, const hop_request&, const fetch_limits&,
    std::chrono::steady_clock::time_point);

}  // namespace geocrawl
