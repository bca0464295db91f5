#pragma once
// A DevTools protocol (CDP) connection to one browser: JSON messages on the browser target's
// WebSocket, each command with its own id and deadline, replies matched by id, events handed to
// one handler (which may answer with commands, e.g. Fetch.failRequest for Fetch.requestPaused).
// Page sessions are "flat" (Target.attachToTarget with flatten): a command or event for a page
// carries its sessionId on the same connection, as in chromedp's Browser → Target → Session.
//
// Synchronous by design: a call runs the client's own io_context until its reply, its deadline
// or a broken connection, so callers need no Asio (the report is written on one thread). Beast
// and Asio stay in devtools_client.cpp. Not thread-safe: one caller at a time.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/system/error_code.hpp>

namespace geocrawl {

struct devtools_event {
  std::string method;  // "Fetch.requestPaused"
  boost::json::object params;
  std::string session_id;  // "" for the browser target's own events
};

// A command sent without waiting for its reply (an event's answer), in the order given.
struct devtools_command {
  std::string method;
  boost::json::object params;
  std::string session_id;
};

struct devtools_reply {
  boost::json::object result;       // the command's result on success
  boost::system::error_code error;  // browser_errc: protocol, timeout or crashed
  std::string reason;  // the browser's own message, or what broke; the caller names the command
};

class devtools_client {
 public:
  using clock = std::chrono::steady_clock;
  using event_handler = std::function<std::vector<devtools_command>(const devtools_event&)>;

  // Connects to ws://127.0.0.1:port<path>. On failure, connected() is false and
  // failure() says why.
  devtools_client(unsigned short port, std::string_view path, clock::time_point deadline);
  ~devtools_client();
  devtools_client(const devtools_client&) = delete;
  devtools_client& operator=(const devtools_client&) = delete;

  // False once the connection failed or broke: every later call fails at once (crashed).
  bool connected() const noexcept;
  const devtools_reply& failure() const noexcept;

  // Events arriving while a call waits go here; without a handler they are dropped.
  void on_event(event_handler handler);

  // Sends the command and waits for its reply until the deadline. A reply that comes after the
  // deadline is dropped when it arrives; the connection stays usable.
  devtools_reply call(std::string_view method, boost::json::object params,
                      std::string_view session_id, clock::time_point deadline);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace geocrawl
