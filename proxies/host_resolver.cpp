#include "proxies/host_resolver.hpp"

#include <memory>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace geocrawl {

namespace asio = boost::asio;

system_resolver::system_resolver(asio::any_io_executor executor) : executor_(std::move(executor)) {}

asio::awaitable<resolve_result> system_resolver::resolve(
    const std::string& host, std::chrono::steady_clock::time_point deadline) {
  // Shared with the completion handler, which may run after this coroutine has given up.
  struct pending_lookup {
    explicit pending_lookup(const asio::any_io_executor& executor)
        : resolver(executor), wake(executor) {}
    asio::ip::tcp::resolver resolver;
    asio::steady_timer wake;
    std::optional<resolve_result> outcome;
  };
  auto lookup = std::make_shared<pending_lookup>(executor_);
  lookup->wake.expires_at(deadline);
  lookup->resolver.async_resolve(
      host, "",
      [lookup, host](boost::system::error_code ec, asio::ip::tcp::resolver::results_type found) {
        if (ec || found.empty()) {
          lookup->outcome =
              dial_failure{dial_errc::dns, "cannot resolve " + host + ": " +
                                               (ec ? ec.message() : std::string("no addresses"))};
        } else {
          std::vector<asio::ip::address> addresses;
          for (const auto& entry : found) addresses.push_back(entry.endpoint().address());
          lookup->outcome = std::move(addresses);
        }
        lookup->wake.cancel();
      });
  co_await lookup->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  if (lookup->outcome) co_return std::move(*lookup->outcome);
  lookup->resolver.cancel();
  co_return dial_failure{dial_errc::timeout, "resolving " + host + " timed out"};
}

}  // namespace geocrawl
