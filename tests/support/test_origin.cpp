#include "tests/support/test_origin.hpp"

#include "tests/support/loopback_server.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <exception>
#include <limits>
#include <map>
#include <mutex>

namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Request bodies are read only to keep the connection usable, so a modest cap suffices.
constexpr std::uint64_t max_request_body_bytes = 1024 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

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

// Concurrency rule: all network state belongs to server_'s io thread. The test thread touches
// only routes_ and the records, under mutex_.
//
// server_ is declared last, so it is destroyed first: its destructor ends every connection frame
// while the options, records and TLS context those frames use still exist.
struct test_origin::impl {
  explicit impl(origin_options options);

  asio::awaitable<void> serve(tcp::socket socket);
  template <class Stream>
  asio::awaitable<void> serve_requests(Stream& stream, std::string peer_address);
  template <class Stream>
  asio::awaitable<bool> play(Stream& stream, live_connection& live, const response_script& script);
  response_script respond(const received_request& request);
  handler route_for(std::string_view path) const;  // with mutex_ held; empty if none

  const origin_options options_;

  mutable std::mutex mutex_;
  std::map<std::string, handler, std::less<>> routes_;    // guarded by mutex_
  std::map<std::string, handler, std::less<>> prefixes_;  // guarded by mutex_
  std::vector<received_request> requests_;                // guarded by mutex_
  std::map<std::string, std::size_t, std::less<>> hits_;  // guarded by mutex_

  std::optional<ssl::context> tls_context_;
  loopback_server server_;
};

test_origin::impl::impl(origin_options options)
    : options_(std::move(options)),
      tls_context_(options_.tls ? std::optional(server_tls_context(*options_.tls)) : std::nullopt),
      server_("test_origin", options_.bind_address,
              [this](tcp::socket socket) { return serve(std::move(socket)); }) {}

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

template <class Stream>
asio::awaitable<void> test_origin::impl::serve_requests(Stream& stream, std::string peer_address) {
  live_connection live(server_, {&beast::get_lowest_layer(stream)});
  // The destructor may have run between accept and this coroutine's first step.
  if (live.stopping()) co_return;

  if constexpr (is_tls<Stream>) {
    if (options_.stall_tls_handshake) {
      // Swallow the ClientHello and whatever follows without ever answering it.
      co_await drain_until_closed(beast::get_lowest_layer(stream));
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
    if (live.stopping()) co_return;
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
        if (ec || live.stopping()) co_return;
      }
      http::request_parser<http::string_body> body_parser(std::move(parser));
      body_parser.body_limit(max_request_body_bytes);
      auto [body_ec, body_bytes] =
          co_await http::async_read(stream, buffer, body_parser, use_tuple);
      if (live.stopping()) co_return;
      if (body_ec == http::error::body_limit) {
        co_await play(stream, live, refusal(413));
        co_return;
      }
      if (body_ec) co_return;
    }

    if (!co_await play(stream, live, respond(request))) co_return;
    if (!keep_alive) {
      co_await graceful_close(stream, live);
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
    route = route_for(path);
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

handler test_origin::impl::route_for(std::string_view path) const {
  if (auto found = routes_.find(path); found != routes_.end()) return found->second;
  // Prefixes sort before their extensions, so the last match in order is the longest.
  const handler* longest = nullptr;
  for (const auto& [prefix, below] : prefixes_) {
    if (prefix > path) break;
    if (path.starts_with(prefix)) longest = &below;
  }
  return longest != nullptr ? *longest : handler();
}

// Plays the steps in order. Returns whether the connection is still open for another request.
template <class Stream>
asio::awaitable<bool> test_origin::impl::play(Stream& stream, live_connection& live,
                                              const response_script& script) {
  for (const script_step& step : script) {
    if (live.stopping()) co_return false;
    switch (step.kind()) {
      case script_step::action::write: {
        auto [ec, n] = co_await asio::async_write(stream, asio::buffer(step.bytes()), use_tuple);
        if (ec) co_return false;
        break;
      }
      case script_step::action::pause:
        if (!co_await live.sleep(step.delay())) co_return false;
        break;
      case script_step::action::drip:
        for (std::size_t i = 0; i < step.bytes().size(); ++i) {
          if (i > 0 && !co_await live.sleep(step.delay())) co_return false;
          auto [ec, n] =
              co_await asio::async_write(stream, asio::buffer(&step.bytes()[i], 1), use_tuple);
          if (ec) co_return false;
        }
        break;
      case script_step::action::close:
        co_await graceful_close(stream, live);
        co_return false;
      case script_step::action::reset:
        live.reset();
        co_return false;
      case script_step::action::idle:
        co_await drain_until_closed(stream);
        co_return false;
    }
  }
  co_return true;
}

test_origin::test_origin(origin_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}

test_origin::~test_origin() = default;

void test_origin::route(std::string path, handler h) {
  const std::lock_guard lock(impl_->mutex_);
  impl_->routes_.insert_or_assign(std::move(path), std::move(h));
}

void test_origin::route_below(std::string prefix, handler h) {
  const std::lock_guard lock(impl_->mutex_);
  impl_->prefixes_.insert_or_assign(std::move(prefix), std::move(h));
}

std::uint16_t test_origin::port() const noexcept { return impl_->server_.port(); }

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

std::size_t test_origin::connections() const { return impl_->server_.connections(); }

std::vector<received_request> test_origin::requests() const {
  const std::lock_guard lock(impl_->mutex_);
  return impl_->requests_;
}

}  // namespace geocrawl::testing
