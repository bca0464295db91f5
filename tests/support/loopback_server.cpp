#include "tests/support/loopback_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

#include <exception>
#include <iostream>
#include <utility>

namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// How long the destructor lets connections unwind after cancelling them before it stops the
// io_context outright. Unwinding takes microseconds; the limit only guards against a bug.
constexpr auto stop_grace = std::chrono::milliseconds(750);

// Completion for co_spawn. Servers turn expected failures into values, so anything arriving here
// is a bug in a server; report it rather than let it end the io thread.
auto report_failure(const std::string& server, const char* what) {
  return [server, what](std::exception_ptr failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::cerr << server << ": " << what << " failed: " << e.what() << '\n';
    } catch (...) {
      std::cerr << server << ": " << what << " failed\n";
    }
  };
}

}  // namespace

ssl::context server_tls_context(const tls_identity& identity) {
  ssl::context context(ssl::context::tls_server);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  context.use_certificate_chain(asio::buffer(identity.cert_pem));
  context.use_private_key(asio::buffer(identity.key_pem), ssl::context::pem);
  return context;
}

live_connection::live_connection(loopback_server& server,
                                 std::initializer_list<boost::beast::tcp_stream*> streams)
    : server_(server), streams_(streams), timer_(server.io_) {
  server_.live_.insert(this);
}

live_connection::~live_connection() { server_.live_.erase(this); }

bool live_connection::stopping() const noexcept { return server_.stopping_; }

asio::awaitable<bool> live_connection::sleep(std::chrono::milliseconds duration) {
  timer_.expires_after(duration);
  auto [ec] = co_await timer_.async_wait(use_tuple);
  co_return !ec && !stopping();
}

void live_connection::reset() {
  for (boost::beast::tcp_stream* stream : streams_) {
    error_code ignored;
    stream->socket().set_option(asio::socket_base::linger(true, 0), ignored);
    stream->close();
  }
}

void live_connection::close() {
  for (boost::beast::tcp_stream* stream : streams_) {
    stream->close();  // cancels reads, writes, connects and handshakes, and closes the socket
  }
  timer_.cancel();
}

loopback_server::loopback_server(std::string name, const std::string& bind_address,
                                 serve_function serve)
    : name_(std::move(name)), serve_(std::move(serve)) {
  const tcp::endpoint endpoint(asio::ip::make_address(bind_address), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();

  asio::co_spawn(io_, accept_loop(), report_failure(name_, "accept loop"));
  std::promise<void> finished;
  finished_ = finished.get_future();
  thread_ = std::thread([this, finished = std::move(finished)]() mutable {
    io_.run();
    finished.set_value();
  });
}

loopback_server::~loopback_server() {
  asio::post(io_, [this] { cancel_everything(); });
  // Cancelled operations complete at once and every coroutine then returns, which lets run()
  // return. If something failed to unwind, stop the loop anyway: the destructor stays bounded
  // and destroying io_ destroys whatever frames are left.
  if (finished_.wait_for(stop_grace) != std::future_status::ready) {
    std::cerr << name_ << ": connections did not unwind; stopping the io_context\n";
    io_.stop();
  }
  thread_.join();
}

void loopback_server::cancel_everything() {
  stopping_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  for (live_connection* live : live_) live->close();
}

asio::awaitable<void> loopback_server::accept_loop() {
  asio::steady_timer backoff(io_);
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(use_tuple);
    if (stopping_) co_return;
    if (ec) {
      // A client that gave up before accept (ECONNABORTED) is routine; a persistent failure
      // (EMFILE) would otherwise spin, so wait a little before trying again.
      std::cerr << name_ << ": accept: " << ec.message() << '\n';
      backoff.expires_after(std::chrono::milliseconds(10));
      co_await backoff.async_wait(use_tuple);
      if (stopping_) co_return;
      continue;
    }
    connections_.fetch_add(1);
    asio::co_spawn(io_, serve_(std::move(socket)), report_failure(name_, "connection"));
  }
}

}  // namespace geocrawl::testing
