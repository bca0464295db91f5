#include "crawler/browser/devtools_client.hpp"

#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crawler/browser/browser_error.hpp"

namespace geocrawl {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace json = boost::json;
namespace websocket = beast::websocket;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// The largest message read: a 1280 × 4000 screenshot as base64 PNG stays well below it, and a
// browser that sends more is not one to trust.
constexpr std::size_t max_message_bytes = std::size_t{64} << 20;

std::string error_text(const json::value& error) {
  if (const auto* object = error.if_object()) {
    if (const auto* message = object->if_contains("message"); message && message->is_string()) {
      return std::string(message->get_string());
    }
  }
  return json::serialize(error);
}

}  // namespace

// One reader coroutine runs for the connection's life and routes every message: a reply to the
// call waiting for its id, an event to the handler. Writes go through one queue, as a WebSocket
// allows one write at a time. Nothing runs unless a call (or the constructor) runs the
// io_context, so everything here is on the caller's thread.
struct devtools_client::impl {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer inbox;
  std::deque<std::string> outbox;  // the front is being written while `writing`
  bool writing = false;
  bool connected = false;
  std::int64_t next_id = 1;
  // The ids calls wait for, and their replies once they come.
  std::map<std::int64_t, std::optional<devtools_reply>> waiting;
  event_handler handler;
  devtools_reply failure;

  ~impl() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    // Let the reader and writer see the close and end, while the members they use exist.
    io.restart();
    io.poll();
  }

  // The first failure is the one to report; what follows from it says less.
  void fail(browser_errc code, std::string reason) {
    connected = false;
    if (!failure.error) failure = {{}, code, std::move(reason)};
  }

  void spawn(asio::awaitable<void> task) {
    asio::co_spawn(io, std::move(task), [this](std::exception_ptr thrown) {
      if (!thrown) return;
      try {
        std::rethrow_exception(thrown);
      } catch (const std::exception& error) {
        fail(browser_errc::protocol, std::string("DevTools client: ") + error.what());
      }
      beast::error_code ignored;
      beast::get_lowest_layer(ws).socket().close(ignored);
    });
  }

  asio::awaitable<void> connect(unsigned short port, std::string path) {
    const asio::ip::tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
    if (auto [ec] = co_await beast::get_lowest_layer(ws).async_connect(endpoint, use_tuple); ec) {
      fail(browser_errc::crashed, "DevTools port " + std::to_string(port) + ": " + ec.message());
      co_return;
    }
    // The caller's deadline bounds the handshake (the io_context runs until it); the WebSocket
    // keeps no timer of its own, as a page may take its time between messages.
    beast::get_lowest_layer(ws).expires_never();
    ws.read_message_max(max_message_bytes);
    const std::string host = "127.0.0.1:" + std::to_string(port);
    if (auto [ec] = co_await ws.async_handshake(host, path, use_tuple); ec) {
      fail(browser_errc::crashed, "DevTools handshake: " + ec.message());
      co_return;
    }
    ws.text(true);
    connected = true;
    spawn(read_loop());
  }

  asio::awaitable<void> read_loop() {
    while (connected) {
      inbox.clear();
      if (auto [ec, n] = co_await ws.async_read(inbox, use_tuple); ec) {
        fail(browser_errc::crashed, "DevTools connection lost: " + ec.message());
        co_return;
      }
      route(beast::buffers_to_string(inbox.data()));
    }
  }

  asio::awaitable<void> write_loop() {
    while (connected && !outbox.empty()) {
      if (auto [ec, n] = co_await ws.async_write(asio::buffer(outbox.front()), use_tuple); ec) {
        fail(browser_errc::crashed, "DevTools write: " + ec.message());
        break;
      }
      outbox.pop_front();
    }
    writing = false;
  }

  void send(std::int64_t id, std::string_view method, json::object params,
            std::string_view session_id) {
    json::object message;
    message["id"] = id;
    message["method"] = method;
    message["params"] = std::move(params);
    if (!session_id.empty()) message["sessionId"] = session_id;
    outbox.push_back(json::serialize(message));
    if (!writing) {
      writing = true;
      spawn(write_loop());
    }
  }

  void route(const std::string& text) {
    beast::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) {
      fail(browser_errc::protocol, "DevTools sent a message that is not a JSON object");
      return;
    }
    json::object& message = parsed.as_object();
    if (const auto* id = message.if_contains("id")) {
      const auto slot = id->is_int64() ? waiting.find(id->get_int64()) : waiting.end();
      // A reply nobody waits for answers an event's command, or came after its deadline.
      if (slot == waiting.end()) return;
      devtools_reply reply;
      if (const auto* error = message.if_contains("error")) {
        reply.error = browser_errc::protocol;
        reply.reason = error_text(*error);
      } else if (auto* result = message.if_contains("result"); result && result->is_object()) {
        reply.result = std::move(result->get_object());
      }
      slot->second = std::move(reply);
      return;
    }
    const auto* method = message.if_contains("method");
    if (!handler || method == nullptr || !method->is_string()) return;
    devtools_event event{std::string(method->get_string()), {}, {}};
    if (auto* params = message.if_contains("params"); params && params->is_object()) {
      event.params = std::move(params->get_object());
    }
    if (const auto* session = message.if_contains("sessionId"); session && session->is_string()) {
      event.session_id = session->get_string();
    }
    for (auto& answer : handler(event)) {
      send(next_id++, answer.method, std::move(answer.params), answer.session_id);
    }
  }

  // Runs the io_context until `done()` or the deadline; false at the deadline.
  template <typename Done>
  bool run_until(Done done, clock::time_point deadline) {
    if (io.stopped()) io.restart();
    while (!done()) {
      if (io.run_one_until(deadline) == 0) return done();
    }
    return true;
  }
};

devtools_client::devtools_client(unsigned short port, std::string_view path,
                                 clock::time_point deadline)
    : impl_(std::make_unique<impl>()) {
  impl_->spawn(impl_->connect(port, std::string(path)));
  const bool settled =
      impl_->run_until([this] { return impl_->connected || impl_->failure.error; }, deadline);
  if (!settled) {
    impl_->fail(browser_errc::timeout,
                "DevTools port " + std::to_string(port) + " did not answer in time");
  }
}

devtools_client::~devtools_client() = default;

bool devtools_client::connected() const noexcept { return impl_->connected; }

const devtools_reply& devtools_client::failure() const noexcept { return impl_->failure; }

void devtools_client::on_event(event_handler handler) { impl_->handler = std::move(handler); }

devtools_reply devtools_client::call(std::string_view method, boost::json::object params,
                                     std::string_view session_id, clock::time_point deadline) {
  if (!impl_->connected) return impl_->failure;
  const std::int64_t id = impl_->next_id++;
  auto& slot = impl_->waiting[id];
  impl_->send(id, method, std::move(params), session_id);
  impl_->run_until([&] { return slot.has_value() || !impl_->connected; }, deadline);
  std::optional<devtools_reply> reply = std::move(slot);
  impl_->waiting.erase(id);
  if (reply) return std::move(*reply);
  if (!impl_->connected) return impl_->failure;
  return {{}, browser_errc::timeout, "no reply in time"};
}

}  // namespace geocrawl
