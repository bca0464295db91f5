#pragma once
// What every connection of one relay shares, and the handles a stop must reach. Internal to the
// render layer: Asio shows here, so only its .cpp files include it.
//
// Concurrency rule: the relay runs on one io_context; all of this belongs to the thread that runs
// it. Nothing is locked.
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>

#include <boost/asio/cancellation_signal.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "crawler/http/fetch_environment.hpp"
#include "crawler/render/relay_limits.hpp"
#include "crawler/view/relay_request_log.hpp"
#include "proxies/proxy_url.hpp"

namespace geocrawl {

// One accepted client connection: its socket, the socket to its destination once dialled, and
// the request it is carrying, so a stop can close both and still record the request.
struct relay_client {
  explicit relay_client(boost::beast::tcp_stream stream) : client(std::move(stream)) {}

  boost::beast::tcp_stream client;
  boost::beast::tcp_stream* upstream = nullptr;  // the lowest layer of the destination's stream
  boost::asio::cancellation_signal cancel;       // cuts a dial short, which has no socket yet
  std::optional<relay_request> in_flight;
  std::chrono::steady_clock::time_point in_flight_start;
};

struct relay_state {
  relay_state(const fetch_environment& environment, std::optional<proxy_endpoint> proxy,
              relay_limits limits)
      : environment(environment), proxy(std::move(proxy)), limits(limits) {}

  const fetch_environment& environment;
  // The vantage's proxy, or none for a direct vantage. Its credentials stay here: they are sent
  // to the proxy in its handshake and nowhere else.
  const std::optional<proxy_endpoint> proxy;
  const relay_limits limits;

  relay_request_log log;
  std::uint64_t view_bytes = 0;  // both ways, every connection, against limits.max_view_bytes
  bool stopping = false;
  std::set<relay_client*> live;

  // The request ends: its duration set, then it joins the log.
  void record(relay_client& client) {
    if (!client.in_flight) return;
    client.in_flight->duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - client.in_flight_start);
    log.requests.push_back(std::move(*client.in_flight));
    client.in_flight.reset();
  }
};

}  // namespace geocrawl
