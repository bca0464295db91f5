#include "tests/support/test_origin.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <future>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <type_traits>


namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// After our FIN, how long a graceful close keeps reading for the client's FIN (see
// graceful_close for why it reads at all).
constexpr auto close_linger = std::chrono::milliseconds(500);
// How long the destructor lets connections unwind after cancelling them before it stops the
// io_context outright. Unwinding takes microseconds; the limit only guards against a bug here.
constexpr auto stop_grace = std::chrono::milliseconds(750);
// Request bodies are read only to keep the connection usable, so a modest cap suffices.
constexpr std::uint64_t max_request_body_bytes = 1024 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

template <class Stream>
constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;

// What the destructor must reach to cancel a connection. Lives in the connection's coroutine
// frame and is registered in impl::live_ for exactly as long as that frame runs.
struct live_connection {
  beast::tcp_stream* tcp;
  asio::steady_timer timer;  // for pause and drip, so the destructor can cut a pause short
};

// Keeps a connection in impl::live_ however its frame ends, including destruction while
// suspended (which happens only if the destructor had to stop the io_context outright).
class registration {
 public:
  registration(std::set<live_connection*>& live, live_connection& connection)
      : live_(live), connection_(&connection) {
    live_.insert(connection_);
  }
  ~registration() { live_.erase(connection_); }
  registration(const registration&) = delete;
  registration& operator=(const registration&) = delete;

 private:
  std::set<live_connection*>& live_;
  live_connection* connection_;
};

// Completion for co_spawn. Handlers' exceptions are caught where they are called, so anything
// arriving here is a bug in this file; report it rather than let it end the origin's thread.
auto report_failure(const char* what) {
  return [what](std::exception_ptr failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::cerr << "test_origin: " << what << " failed: " << e.what() << '\n';
    } catch (...) {
      std::cerr << "test_origin: " << what << " failed\n";
    }
  };
}

response_script with_close(response_script script) {
  script.push_back(script_step::close());
  return script;
}

// A well-formed refusal for a request the origin could not take, then a close: the connection
// is in an unknown state, so it must not be reused.
response_script refusal(int status) {
  return with_close(http_response(status, {{"Connection", "close"}}, status_line(status)));
}

}  // namespace

std::string received_request::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (iequals(field, name)) return value;
  }
  return {};
}

script_step script_step::write(std::string bytes) { return {action::write, std::move(bytes), {}}; }
script_step script_step::pause(std::chrono::milliseconds duration) {
  return {action::pause, {}, duration};
}
script_step script_step::drip(std::string bytes, std::chrono::milliseconds between_bytes) {
  return {action::drip, std::move(bytes), between_bytes};
}
script_step script_step::close() { return {action::close, {}, {}}; }
script_step script_step::reset() { return {action::reset, {}, {}}; }
script_step script_step::idle() { return {action::idle, {}, {}}; }

std::string status_line(int status) {
  const auto code =
      status >= 0 ? http::int_to_status(static_cast<unsigned>(status)) : http::status::unknown;
  const std::string_view reason = code == http::status::unknown
                                      ? std::string_view("Unknown")
                                      : std::string_view(http::obsolete_reason(code));
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
}

response_script http_response(int status, header_list headers, std::string body) {
  std::string message = status_line(status);
  bool framed = false;
  for (const auto& [name, value] : headers) {
    framed = framed || iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding");
    message += name + ": " + value + "\r\n";
  }
  if (!framed) message += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  message += "\r\n";
  message += body;
  return {script_step::write(std::move(message))};
}

// Concurrency rule: all network state (acceptor, connections, live_, stopping_) belongs to the
// single io thread. The test thread touches only routes_ and the records, under mutex_, and the
// connections_ counter, which is atomic because the test thread reads it while the io thread
// counts.
//
// Members are declared in the order the destructor needs: io_ is destroyed before everything a
// connection frame touches (live_, the TLS context), because destroying io_ destroys any frame
// still suspended in it.
struct test_origin::impl {
  explicit impl(origin_options options);
  ~impl();

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket);
  template <class Stream>
  asio::awaitable<void> serve_requests(Stream& stream, std::string peer_address);
  template <class Stream>
  asio::awaitable<bool> play(Stream& stream, live_connection& live, const response_script& script);
  asio::awaitable<bool> sleep(live_connection& live, std::chrono::milliseconds duration);
  template <class Stream>
  asio::awaitable<void> graceful_close(Stream& stream);
  response_script respond(const received_request& request);
  void cancel_everything();

  const origin_options options_;

  mutable std::mutex mutex_;
  std::map<std::string, handler, std::less<>> routes_;    // guarded by mutex_
  std::vector<received_request> requests_;                // guarded by mutex_
  std::map<std::string, std::size_t, std::less<>> hits_;  // guarded by mutex_
  std::atomic<std::size_t> connections_{0};

  std::set<live_connection*> live_;  // io thread only
  bool stopping_ = false;            // io thread only

  std::optional<ssl::context> tls_context_;
  asio::io_context io_{1};  // one thread runs it, so Asio may skip its internal locking
  tcp::acceptor acceptor_{io_};
  std::uint16_t port_ = 0;
  std::future<void> finished_;  // ready once io_.run() has returned
  std::thread thread_;
};

test_origin::impl::impl(origin_options options) : options_(std::move(options)) {
  if (options_.tls) {
    tls_context_.emplace(ssl::context::tls_server);
    tls_context_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                              ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                              ssl::context::no_tlsv1_1);
    tls_context_->use_certificate_chain(asio::buffer(options_.tls->cert_pem));
    tls_context_->use_private_key(asio::buffer(options_.tls->key_pem), ssl::context::pem);
  }

  // Bound and listening before the constructor returns, so a client may connect at once.
  const tcp::endpoint endpoint(asio::ip::make_address(options_.bind_address), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();

  asio::co_spawn(io_, accept_loop(), report_failure("accept loop"));
  std::promise<void> finished;
  finished_ = finished.get_future();
  thread_ = std::thread([this, finished = std::move(finished)]() mutable {
    io_.run();
    finished.set_value();
  });
}

test_origin::impl::~impl() {
  asio::post(io_, [this] { cancel_everything(); });
  // Cancelled operations complete at once and every coroutine then returns, which lets run()
  // return. If something failed to unwind, stop the loop anyway: the destructor stays bounded
  // and destroying io_ below destroys whatever frames are left.
  if (finished_.wait_for(stop_grace) != std::future_status::ready) {
    std::cerr << "test_origin: connections did not unwind; stopping the io_context\n";
    io_.stop();
  }
  thread_.join();
}

void test_origin::impl::cancel_everything() {
  stopping_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  for (live_connection* live : live_) {
    live->tcp->close();  // cancels reads, writes and handshakes, and closes the socket
    live->timer.cancel();
  }
}

asio::awaitable<void> test_origin::impl::accept_loop() {
  asio::steady_timer backoff(io_);
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(use_tuple);
    if (stopping_) co_return;
    if (ec) {
      // A client that gave up before accept (ECONNABORTED) is routine; a persistent failure
      // (EMFILE) would otherwise spin, so wait a little before trying again.
      std::cerr << "test_origin: accept: " << ec.message() << '\n';
      backoff.expires_after(std::chrono::milliseconds(10));
      co_await backoff.async_wait(use_tuple);
      if (stopping_) co_return;
      continue;
    }
    connections_.fetch_add(1);
    asio::co_spawn(io_, serve(std::move(socket)), report_failure("connection"));
  }
}

asio::awaitable<void> test_origin::impl::serve(tcp::socket socket) {
  error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  std::string peer_address = ec ? std::string() : peer.address().to_string();
  if (tls_context_) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)),
                                                *tls_context_);
    co_await serve_requests(stream, std::move(peer_address));
  } else {
    beast::tcp_stream stream(std::move(socket));
    co_await serve_requests(stream, std::move(peer_address));
  }
}

// Reads and discards until the peer closes, the deadline (if any) passes or the origin stops.
template <class Stream>
asio::awaitable<void> drain_until_closed(Stream& stream) {
  std::array<char, 4096> scratch;
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(scratch), use_tuple);
    if (ec) co_return;
  }
}

template <class Stream>
asio::awaitable<void> test_origin::impl::serve_requests(Stream& stream, std::string peer_address) {
  live_connection live{&beast::get_lowest_layer(stream), asio::steady_timer(io_)};
  const registration registered(live_, live);
  // The destructor may have run between accept and this coroutine's first step.
  if (stopping_) co_return;

  if constexpr (is_tls<Stream>) {
    if (options_.stall_tls_handshake) {
      // Swallow the ClientHello and whatever follows without ever answering it.
      co_await drain_until_closed(*live.tcp);
      co_return;
    }
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
    if (ec) co_return;  // typically the client rejected our certificate; nothing to say
  }

  beast::flat_buffer buffer;  // kept across requests: it may already hold a pipelined one
  for (;;) {
    http::request_parser<http::empty_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
        options_.max_request_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    auto [read_ec, header_bytes] =
        co_await http::async_read_header(stream, buffer, parser, use_tuple);
    if (stopping_) co_return;
    if (read_ec == http::error::header_limit) {
      co_await play(stream, live, refusal(431));
      co_return;
    }
    if (read_ec.category() == http::make_error_code(http::error::bad_target).category() &&
        read_ec != http::error::end_of_stream && read_ec != http::error::partial_message) {
      co_await play(stream, live, refusal(400));
      co_return;
    }
    if (read_ec) co_return;  // the client closed, or the network failed: nobody to answer

    received_request request;
    request.method = std::string(parser.get().method_string());
    request.target = std::string(parser.get().target());
    request.peer_address = peer_address;
    for (const auto& field : parser.get()) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    const bool keep_alive = parser.get().keep_alive();

    if (!parser.is_done()) {
      // The handler never sees the body, but it must be consumed for the connection to carry
      // another request.
      if (iequals(request.header("Expect"), "100-continue")) {
        static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
        auto [ec, n] = co_await asio::async_write(stream, asio::buffer(go_on), use_tuple);
        if (ec || stopping_) co_return;
      }
      http::request_parser<http::string_body> body_parser(std::move(parser));
      body_parser.body_limit(max_request_body_bytes);
      auto [body_ec, body_bytes] =
          co_await http::async_read(stream, buffer, body_parser, use_tuple);
      if (stopping_) co_return;
      if (body_ec == http::error::body_limit) {
        co_await play(stream, live, refusal(413));
        co_return;
      }
      if (body_ec) co_return;
    }

    if (!co_await play(stream, live, respond(request))) co_return;
    if (!keep_alive) {
      co_await graceful_close(stream);
      co_return;
    }
  }
}

// Records the request, then asks its route for a script. The handler is called outside the
// lock so it may itself call hits() or requests().
response_script test_origin::impl::respond(const received_request& request) {
  const std::string_view path = path_of(request.target);
  handler route;
  {
    const std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (auto hit = hits_.find(path); hit != hits_.end()) {
      ++hit->second;
    } else {
      hits_.emplace(std::string(path), 1);
    }
    if (auto found = routes_.find(path); found != routes_.end()) route = found->second;
  }
  if (!route) {
    return http_response(404, {{"Content-Type", "text/plain"}},
                         "no route for " + std::string(path) + "\n");
  }
  try {
    return route(request);
  } catch (const std::exception& e) {
    // A throwing handler is a bug in the test; make it visible as a 500 rather than a hang.
    return with_close(http_response(500, {{"Content-Type", "text/plain"}, {"Connection", "close"}},
                                    std::string("handler threw: ") + e.what() + "\n"));
  }
}

// Plays the steps in order. Returns whether the connection is still open for another request.
template <class Stream>
asio::awaitable<bool> test_origin::impl::play(Stream& stream, live_connection& live,
                                              const response_script& script) {
  for (const script_step& step : script) {
    if (stopping_) co_return false;
    switch (step.kind()) {
      case script_step::action::write: {
        auto [ec, n] = co_await asio::async_write(stream, asio::buffer(step.bytes()), use_tuple);
        if (ec) co_return false;
        break;
      }
      case script_step::action::pause:
        if (!co_await sleep(live, step.delay())) co_return false;
        break;
      case script_step::action::drip:
        for (std::size_t i = 0; i < step.bytes().size(); ++i) {
          if (i > 0 && !co_await sleep(live, step.delay())) co_return false;
          auto [ec, n] =
              co_await asio::async_write(stream, asio::buffer(&step.bytes()[i], 1), use_tuple);
          if (ec) co_return false;
        }
        break;
      case script_step::action::close:
        co_await graceful_close(stream);
        co_return false;
      case script_step::action::reset: {
        // SO_LINGER with a zero timeout makes close() send RST and drop unsent data.
        error_code ignored;
        live.tcp->socket().set_option(asio::socket_base::linger(true, 0), ignored);
        live.tcp->close();
        co_return false;
      }
      case script_step::action::idle:
        co_await drain_until_closed(stream);
        co_return false;
    }
  }
  co_return true;
}

asio::awaitable<bool> test_origin::impl::sleep(live_connection& live,
                                               std::chrono::milliseconds duration) {
  live.timer.expires_after(duration);
  auto [ec] = co_await live.timer.async_wait(use_tuple);
  co_return !ec && !stopping_;
}

template <class Stream>
asio::awaitable<void> test_origin::impl::graceful_close(Stream& stream) {
  beast::tcp_stream& tcp = beast::get_lowest_layer(stream);
  if constexpr (is_tls<Stream>) {
    // Pretend the client's close_notify already arrived, so the shutdown only sends ours and
    // completes instead of waiting for a reply the client may never send.
    SSL_set_shutdown(stream.native_handle(), SSL_RECEIVED_SHUTDOWN);
    auto [ec] = co_await stream.async_shutdown(use_tuple);
    if (stopping_) co_return;
  }
  error_code ignored;
  tcp.socket().shutdown(tcp::socket::shutdown_send, ignored);
  // Closing with unread bytes in the receive queue (a pipelined request, an unread body) makes
  // the kernel send RST instead of FIN; read until the client's FIN, briefly, so a close
  // scripted as graceful reaches the client as one.
  tcp.expires_after(close_linger);
  co_await drain_until_closed(tcp);
  tcp.close();
}

test_origin::test_origin(origin_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}

test_origin::~test_origin() = default;

void test_origin::route(std::string path, handler h) {
  const std::lock_guard lock(impl_->mutex_);
  impl_->routes_.insert_or_assign(std::move(path), std::move(h));
}

std::uint16_t test_origin::port() const noexcept { return impl_->port_; }

std::string test_origin::url(std::string_view path_and_query) const {
  const std::string& address = impl_->options_.bind_address;
  const bool ipv6 = address.find(':') != std::string::npos;
  std::string result = impl_->options_.tls ? "https://" : "http://";
  result += ipv6 ? "[" + address + "]" : address;
  result += ":" + std::to_string(port());
  if (path_and_query.empty() || path_and_query.front() != '/') result += '/';
  result += path_and_query;
  return result;
}

std::size_t test_origin::hits(std::string_view path) const {
  const std::lock_guard lock(impl_->mutex_);
  const auto hit = impl_->hits_.find(path);
  return hit == impl_->hits_.end() ? 0 : hit->second;
}

std::size_t test_origin::connections() const { return impl_->connections_.load(); }

std::vector<received_request> test_origin::requests() const {
  const std::lock_guard lock(impl_->mutex_);
  return impl_->requests_;
}

}  // namespace geocrawl::testing
