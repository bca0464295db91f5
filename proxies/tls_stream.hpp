#pragma once
// TLS over TCP: to a target, or to an https:// proxy. A target reached through an https
// proxy is TLS inside that: tunneled_tls_stream.
#include <utility>

#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace geocrawl {

using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// A TLS connection to a proxy as the carrier of the target's TLS. beast::ssl_stream cannot
// be the next layer of another one as it is (Asio's SSL stream wants lowest_layer_type
// and lowest_layer() from its next layer); this forwards the stream and adds those.
class proxy_tls_layer {
 public:
  using executor_type = tls_stream::executor_type;
  using next_layer_type = tls_stream;
  using lowest_layer_type = boost::beast::tcp_stream;

  explicit proxy_tls_layer(tls_stream stream) : stream_(std::move(stream)) {}

  executor_type get_executor() noexcept { return stream_.get_executor(); }
  next_layer_type& next_layer() noexcept { return stream_; }
  const next_layer_type& next_layer() const noexcept { return stream_; }
  lowest_layer_type& lowest_layer() noexcept { return boost::beast::get_lowest_layer(stream_); }
  const lowest_layer_type& lowest_layer() const noexcept {
    return boost::beast::get_lowest_layer(stream_);
  }

  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return stream_.async_read_some(buffers, std::forward<Token>(token));
  }
  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return stream_.async_write_some(buffers, std::forward<Token>(token));
  }

 private:
  tls_stream stream_;
};

using tunneled_tls_stream = boost::beast::ssl_stream<proxy_tls_layer>;

}  // namespace geocrawl
