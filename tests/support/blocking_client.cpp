#include "tests/support/blocking_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <optional>
#include <stdexcept>

namespace geocrawl::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using boost::system::error_code;

constexpr std::size_t max_line_bytes = 64 * 1024;
constexpr std::size_t max_received_bytes = 1024 * 1024;

stream_end end_of(const error_code& ec) {
  if (!ec) return stream_end::open;
  if (ec == asio::error::eof) return stream_end::closed;
  if (ec == ssl::error::stream_truncated) return stream_end::truncated;
  if (ec == asio::error::connection_reset) return stream_end::reset;
  if (ec == beast::error::timeout) return stream_end::timed_out;
  return stream_end::failed;
}

}  // namespace

struct blocking_client::impl {
  explicit impl(std::chrono::milliseconds deadline) : deadline_(deadline) {}

  // Starts one asynchronous operation and runs the io_context until it completes. Every
  // operation reaches the socket through tcp_, whose expiry bounds it, so this returns by the
  // deadline.
  template <class Start>
  error_code run(Start start) {
    error_code result;
    tcp_.expires_after(deadline_);
    start([&result](const error_code& ec, auto&&...) { result = ec; });
    io_.restart();
    io_.run();
    return result;
  }

  // Calls f with the stream a test talks to: TLS once started, TCP before.
  template <class F>
  auto with_stream(F f) {
    return tls_ ? f(*tls_) : f(tcp_);
  }

  // Ends the read with whatever was asked of it from pending_, keeping the rest for later.
  received take(std::size_t count, const error_code& ec) {
    count = std::min(count, pending_.size());
    received result{pending_.substr(0, count), end_of(ec)};
    pending_.erase(0, count);
    return result;
  }

  const std::chrono::milliseconds deadline_;
  asio::io_context io_;
  beast::tcp_stream tcp_{io_};
  std::optional<ssl::context> tls_context_;
  std::optional<ssl::stream<beast::tcp_stream&>> tls_;
  std::string pending_;  // read from the connection but not yet handed to the test
};

blocking_client::blocking_client(const std::string& address, std::uint16_t port,
                                 std::chrono::milliseconds deadline)
    : impl_(std::make_unique<impl>(deadline)) {
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(address), port);
  const error_code ec =
      impl_->run([&](auto handler) { impl_->tcp_.async_connect(endpoint, std::move(handler)); });
  if (ec) {
    throw std::runtime_error("cannot connect to " + address + ":" + std::to_string(port) + ": " +
                             ec.message());
  }
}

blocking_client::~blocking_client() = default;

void blocking_client::start_tls(const tls_identity& trusted_ca, const std::string& host) {
  impl_->tls_context_.emplace(ssl::context::tls_client);
  impl_->tls_context_->add_certificate_authority(asio::buffer(trusted_ca.cert_pem));
  impl_->tls_context_->set_verify_mode(ssl::verify_peer);
  auto& tls = impl_->tls_.emplace(impl_->tcp_, *impl_->tls_context_);
  error_code not_an_address;
  asio::ip::make_address(host, not_an_address);
  if (not_an_address) SSL_set_tlsext_host_name(tls.native_handle(), host.c_str());  // SNI: names
  tls.set_verify_callback(ssl::host_name_verification(host));
  const error_code ec = impl_->run(
      [&](auto handler) { tls.async_handshake(ssl::stream_base::client, std::move(handler)); });
  if (ec) throw std::runtime_error("TLS handshake with " + host + " failed: " + ec.message());
}

void blocking_client::write(std::string_view bytes) {
  const error_code ec = impl_->with_stream([&](auto& stream) {
    return impl_->run(
        [&](auto handler) { asio::async_write(stream, asio::buffer(bytes), std::move(handler)); });
  });
  if (ec) throw std::runtime_error("write failed: " + ec.message());
}

void blocking_client::finish_sending() {
  error_code ignored;
  impl_->tcp_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

received blocking_client::read(std::size_t count) {
  error_code ec;
  if (impl_->pending_.size() < count) {
    ec = impl_->with_stream([&](auto& stream) {
      return impl_->run([&](auto handler) {
        asio::async_read(stream, asio::dynamic_buffer(impl_->pending_),
                         asio::transfer_exactly(count - impl_->pending_.size()),
                         std::move(handler));
      });
    });
  }
  return impl_->take(count, ec);
}

received blocking_client::read_until(std::string_view delimiter) {
  const error_code ec = impl_->with_stream([&](auto& stream) {
    return impl_->run([&](auto handler) {
      asio::async_read_until(stream, asio::dynamic_buffer(impl_->pending_, max_line_bytes),
                             delimiter, std::move(handler));
    });
  });
  const std::size_t found = impl_->pending_.find(delimiter);
  return impl_->take(found == std::string::npos ? impl_->pending_.size() : found + delimiter.size(),
                     ec);
}

received blocking_client::read_to_end() {
  const error_code ec = impl_->with_stream([&](auto& stream) {
    return impl_->run([&](auto handler) {
      asio::async_read(stream, asio::dynamic_buffer(impl_->pending_, max_received_bytes),
                       std::move(handler));
    });
  });
  return impl_->take(impl_->pending_.size(), ec);
}

}  // namespace geocrawl::testing
