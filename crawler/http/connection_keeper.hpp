#pragma once
// One visitor's connection between its requests, as a browser keeps one: the hops of a view's
// redirect chain and the follow-ups the crawl makes for a site (its favicon) go over the
// connection an earlier request opened, when the server left it open, instead of dialling
// again. One connection is kept, for one route (the way out and the origin); a request on
// another route closes it. A keeper belongs to one site's vantage, so no connection carries two
// visitors the crawl means to keep apart. Used on one executor only.
#include <chrono>
#include <memory>
#include <string_view>

namespace geocrawl {

struct kept_connection;  // hop_connection.hpp

// Idle longer than this, a connection is closed rather than reused: servers close idle ones
// after a few seconds (Apache's KeepAliveTimeout is 5 s by default), and a request sent as
// they do is lost.
inline constexpr std::chrono::milliseconds kept_connection_idle_limit{4000};

class connection_keeper {
 public:
  explicit connection_keeper(std::chrono::milliseconds idle_limit = kept_connection_idle_limit);
  ~connection_keeper();
  connection_keeper(connection_keeper&&) noexcept;
  connection_keeper& operator=(connection_keeper&&) noexcept;

  // The connection kept for `route`, when it was idle no longer than the limit; otherwise
  // nullptr, and whatever was kept is closed.
  std::unique_ptr<kept_connection> take(std::string_view route,
                                        std::chrono::steady_clock::time_point now);
  // Keeps `connection`, idle from `now`, in place of the one kept before.
  void keep(std::unique_ptr<kept_connection> connection, std::chrono::steady_clock::time_point now);
  // Closes the connection kept, if any.
  void close() noexcept;
  bool holds() const noexcept { return kept_ != nullptr; }

 private:
  std::chrono::milliseconds idle_limit_;
  std::unique_ptr<kept_connection> kept_;
  std::chrono::steady_clock::time_point idle_since_{};
};

}  // namespace geocrawl
