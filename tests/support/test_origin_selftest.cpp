// Proves test_origin and test_pki do what integration tests will rely on, using a plain Beast
// client. Only 127.0.0.1 is contacted, and every wait carries a deadline.
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"

#include <doctest/doctest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace geocrawl::testing;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// Per-phase client deadline: far above anything a healthy loopback exchange needs.
constexpr auto phase_deadline = 2s;

// Runs one client coroutine to completion on a private io_context. Each network phase inside has
// its own deadline; the run_for bound is a backstop so a bug fails the test instead of hanging.
// Lambda coroutines below capture by reference; that is safe because the lambda and its captures
// outlive this call, which finishes the coroutine.
template <class T>
T run_client(asio::awaitable<T> client) {
  asio::io_context io;
  std::future<T> result = asio::co_spawn(io, std::move(client), asio::use_future);
  io.run_for(5s);
  REQUIRE(result.wait_for(0s) == std::future_status::ready);
  return result.get();
}

tcp::endpoint loopback(std::uint16_t port) { return {asio::ip::make_address("127.0.0.1"), port}; }

asio::awaitable<beast::tcp_stream> connect(std::uint16_t port) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(phase_deadline);
  co_await stream.async_connect(loopback(port), asio::use_awaitable);
  co_return stream;
}

http::request<http::string_body> get(std::string target) {
  http::request<http::string_body> request(http::verb::get, target, 11);
  request.set(http::field::host, "127.0.0.1");
  return request;
}

struct reply {
  error_code ec;
  http::response<http::string_body> response;
};

// Writes one request and reads one response, each under a deadline.
template <class Stream>
asio::awaitable<reply> exchange(Stream& stream, beast::flat_buffer& buffer,
                                http::request<http::string_body> request) {
  request.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(phase_deadline);
  auto [write_ec, written] = co_await http::async_write(stream, request, use_tuple);
  reply result{write_ec, {}};
  if (write_ec) co_return result;
  beast::get_lowest_layer(stream).expires_after(phase_deadline);
  auto [read_ec, read] = co_await http::async_read(stream, buffer, result.response, use_tuple);
  result.ec = read_ec;
  co_return result;
}

// Reads raw bytes until the first error and returns it: how a connection ended.
template <class Stream>
asio::awaitable<error_code> read_until_error(Stream& stream, std::string* received = nullptr) {
  beast::get_lowest_layer(stream).expires_after(phase_deadline);
  std::array<char, 1024> chunk;
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(chunk), use_tuple);
    if (received != nullptr) received->append(chunk.data(), n);
    if (ec) co_return ec;
  }
}

// Polls a condition that another thread makes true, for at most two seconds.
asio::awaitable<bool> eventually(std::function<bool()> condition) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto give_up = clock_type::now() + 2s;
  while (!condition()) {
    if (clock_type::now() > give_up) co_return false;
    timer.expires_after(1ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
  co_return true;
}

handler respond_with(int status, std::string body) {
  return [status, body](const received_request&) {
    return http_response(status, {{"Content-Type", "text/plain"}}, body);
  };
}

ssl::context client_tls_context(const tls_identity& trusted_ca) {
  ssl::context context(ssl::context::tls_client);
  context.add_certificate_authority(asio::buffer(trusted_ca.cert_pem));
  context.set_verify_mode(ssl::verify_peer);
  return context;
}

struct tls_attempt {
  error_code handshake_ec;
  long verify_result = X509_V_OK;
};

// Connects to the origin at 127.0.0.1 while expecting the certificate to name `host`, the way a
// crawler would when `host` resolved to loopback.
asio::awaitable<tls_attempt> tls_handshake(ssl::context& context, std::uint16_t port,
                                           std::string host) {
  beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, context);
  error_code parse_ec;
  asio::ip::make_address(host, parse_ec);
  if (parse_ec) SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());  // SNI: names only
  stream.set_verify_callback(ssl::host_name_verification(host));
  beast::get_lowest_layer(stream).expires_after(phase_deadline);
  co_await beast::get_lowest_layer(stream).async_connect(loopback(port), asio::use_awaitable);
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
  co_return tls_attempt{ec, SSL_get_verify_result(stream.native_handle())};
}

}  // namespace

TEST_SUITE("test_origin") {
  TEST_CASE("a routed GET gets the scripted response and is recorded") {
    test_origin origin;
    origin.route("/hello", respond_with(200, "hello"));

    const reply r = run_client([&]() -> asio::awaitable<reply> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      auto request = get("/hello?lang=en");
      request.set("X-Probe", "one");
      co_return co_await exchange(stream, buffer, std::move(request));
    }());

    REQUIRE(r.ec == error_code());
    CHECK(r.response.result_int() == 200);
    CHECK(r.response.body() == "hello");
    CHECK(r.response[http::field::content_length] == "5");
    CHECK(origin.hits("/hello") == 1);
    CHECK(origin.hits("/elsewhere") == 0);
    CHECK(origin.connections() == 1);
    const auto requests = origin.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "GET");
    CHECK(requests[0].target == "/hello?lang=en");
    CHECK(requests[0].peer_address == "127.0.0.1");
    CHECK(requests[0].header("x-probe") == "one");
    CHECK(requests[0].header("X-Absent").empty());
    CHECK(origin.url("/a?b=c") == "http://127.0.0.1:" + std::to_string(origin.port()) + "/a?b=c");
    CHECK(origin.url("a") == "http://127.0.0.1:" + std::to_string(origin.port()) + "/a");
  }

  TEST_CASE("an unrouted path gets 404 and is still counted") {
    test_origin origin;
    const reply r = run_client([&]() -> asio::awaitable<reply> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      co_return co_await exchange(stream, buffer, get("/missing"));
    }());
    REQUIRE(r.ec == error_code());
    CHECK(r.response.result_int() == 404);
    CHECK(origin.hits("/missing") == 1);
  }

  TEST_CASE("route_below serves a subtree: exact routes and longer prefixes win") {
    test_origin origin;
    origin.route_below("/site/", respond_with(200, "site"));
    origin.route_below("/site/shop/", respond_with(200, "shop"));
    origin.route("/site/shop/exact", respond_with(200, "exact"));

    const auto bodies = run_client([&]() -> asio::awaitable<std::vector<std::string>> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      std::vector<std::string> seen;
      for (const char* target : {"/site/", "/site/a/b?q=1", "/site/shop/", "/site/shop/item",
                                 "/site/shop/exact", "/site", "/sitemap"}) {
        const reply r = co_await exchange(stream, buffer, get(target));
        seen.push_back(r.ec ? r.ec.message()
                            : std::to_string(r.response.result_int()) + " " + r.response.body());
      }
      co_return seen;
    }());

    REQUIRE(bodies.size() == 7);
    CHECK(bodies[0] == "200 site");
    CHECK(bodies[1] == "200 site");
    CHECK(bodies[2] == "200 shop");
    CHECK(bodies[3] == "200 shop");
    CHECK(bodies[4] == "200 exact");
    CHECK(bodies[5].starts_with("404 "));
    CHECK(bodies[6].starts_with("404 "));
    CHECK(origin.hits("/site/a/b") == 1);
  }

  TEST_CASE("a kept-alive connection carries several requests, bodies discarded") {
    test_origin origin;
    origin.route("/submit", respond_with(200, "ok"));

    const auto [first, second] = run_client([&]() -> asio::awaitable<std::pair<reply, reply>> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      auto post = get("/submit");
      post.method(http::verb::post);
      post.body() = std::string(10000, 'x');  // the origin must consume this to read the next
      reply first = co_await exchange(stream, buffer, std::move(post));
      reply second = co_await exchange(stream, buffer, get("/submit?again"));
      co_return std::pair{std::move(first), std::move(second)};
    }());

    REQUIRE(first.ec == error_code());
    REQUIRE(second.ec == error_code());
    CHECK(first.response.body() == "ok");
    CHECK(second.response.body() == "ok");
    CHECK(origin.hits("/submit") == 2);
    CHECK(origin.connections() == 1);
    CHECK(origin.requests().at(0).method == "POST");
  }

  TEST_CASE("Connection: close is honoured with a graceful close") {
    test_origin origin;
    origin.route("/once", respond_with(200, "once"));
    const auto [r, end] = run_client([&]() -> asio::awaitable<std::pair<reply, error_code>> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      auto request = get("/once");
      request.keep_alive(false);
      reply r = co_await exchange(stream, buffer, std::move(request));
      co_return std::pair{std::move(r), co_await read_until_error(stream)};
    }());
    REQUIRE(r.ec == error_code());
    CHECK(r.response.body() == "once");
    CHECK(end == asio::error::eof);
  }

  TEST_CASE("pause and drip hold back bytes for roughly the scripted time") {
    test_origin origin;
    const std::string head = status_line(200) + "Content-Length: 6\r\n\r\n";
    origin.route("/pause", [&](const received_request&) {
      return response_script{script_step::write(head), script_step::pause(200ms),
                             script_step::write("paused")};
    });
    origin.route("/drip", [&](const received_request&) {
      return response_script{script_step::write(head), script_step::drip("abcdef", 20ms)};
    });

    const auto timed_get = [&](std::string target) {
      return run_client([&]() -> asio::awaitable<std::pair<reply, clock_type::duration>> {
        beast::tcp_stream stream = co_await connect(origin.port());
        beast::flat_buffer buffer;
        const auto start = clock_type::now();
        reply r = co_await exchange(stream, buffer, get(target));
        co_return std::pair{std::move(r), clock_type::now() - start};
      }());
    };

    const auto [paused, pause_took] = timed_get("/pause");
    REQUIRE(paused.ec == error_code());
    CHECK(paused.response.body() == "paused");
    CHECK(pause_took >= 200ms);
    CHECK(pause_took < 1s);

    const auto [dripped, drip_took] = timed_get("/drip");
    REQUIRE(dripped.ec == error_code());
    CHECK(dripped.response.body() == "abcdef");
    CHECK(drip_took >= 100ms);  // five gaps of 20 ms between six bytes
    CHECK(drip_took < 1s);
  }

  TEST_CASE("reset reaches the client as a connection reset, close as a clean EOF") {
    test_origin origin;
    const std::string truncated = status_line(200) + "Content-Length: 100\r\n\r\npartial";
    origin.route("/reset", [&](const received_request&) {
      return response_script{script_step::write(truncated), script_step::reset()};
    });
    origin.route("/close", [&](const received_request&) {
      return response_script{script_step::write(truncated), script_step::close()};
    });

    const auto ending_of = [&](std::string target) {
      return run_client([&]() -> asio::awaitable<error_code> {
        beast::tcp_stream stream = co_await connect(origin.port());
        beast::flat_buffer buffer;
        co_return (co_await exchange(stream, buffer, get(target))).ec;
      }());
    };
    CHECK(ending_of("/reset") == asio::error::connection_reset);
    CHECK(ending_of("/close") == http::error::partial_message);
  }

  TEST_CASE("oversized request headers get 431 and a close") {
    test_origin origin({.max_request_header_bytes = 1024});
    origin.route("/big", respond_with(200, "unreachable"));
    const reply r = run_client([&]() -> asio::awaitable<reply> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      auto request = get("/big");
      request.set("X-Padding", std::string(4096, 'p'));
      co_return co_await exchange(stream, buffer, std::move(request));
    }());
    REQUIRE(r.ec == error_code());
    CHECK(r.response.result_int() == 431);
    CHECK(origin.hits("/big") == 0);
  }

  TEST_CASE("a throwing handler becomes a 500") {
    test_origin origin;
    origin.route("/throws", [](const received_request&) -> response_script {
      throw std::runtime_error("scripted failure");
    });
    const reply r = run_client([&]() -> asio::awaitable<reply> {
      beast::tcp_stream stream = co_await connect(origin.port());
      beast::flat_buffer buffer;
      co_return co_await exchange(stream, buffer, get("/throws"));
    }());
    REQUIRE(r.ec == error_code());
    CHECK(r.response.result_int() == 500);
    CHECK(r.response.body().find("scripted failure") != std::string::npos);
  }

  TEST_CASE("a TLS origin is verified by a client trusting the generated CA") {
    const test_pki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
    test_origin origin({.tls = pki.leaf});
    origin.route("/secure", [](const received_request&) {
      auto script = http_response(200, {{"Connection", "close"}}, "secret");
      script.push_back(script_step::close());
      return script;
    });
    CHECK(origin.url("/secure") ==
          "https://127.0.0.1:" + std::to_string(origin.port()) + "/secure");
    ssl::context context = client_tls_context(pki.ca);

    for (const std::string host : {"localhost", "127.0.0.1"}) {
      CAPTURE(host);
      const auto [r, end] = run_client([&]() -> asio::awaitable<std::pair<reply, error_code>> {
        beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, context);
        if (host == "localhost") SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
        stream.set_verify_callback(ssl::host_name_verification(host));
        beast::get_lowest_layer(stream).expires_after(phase_deadline);
        co_await beast::get_lowest_layer(stream).async_connect(loopback(origin.port()),
                                                               asio::use_awaitable);
        co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
        beast::flat_buffer buffer;
        reply r = co_await exchange(stream, buffer, get("/secure"));
        co_return std::pair{std::move(r), co_await read_until_error(stream)};
      }());
      REQUIRE(r.ec == error_code());
      CHECK(r.response.body() == "secret");
      // eof, not stream_truncated: the scripted close sent close_notify before FIN.
      CHECK(end == asio::error::eof);
    }

    const tls_attempt wrong_name = run_client(tls_handshake(context, origin.port(), "example.com"));
    CHECK(wrong_name.handshake_ec.category() == asio::error::get_ssl_category());
    CHECK(origin.hits("/secure") == 2);
  }

  TEST_CASE("a certificate from a second make_test_pki fails verification") {
    const test_pki served = make_test_pki({"localhost"}, {"127.0.0.1"});
    const test_pki other = make_test_pki({"localhost"}, {"127.0.0.1"});
    CHECK(served.ca.cert_pem != other.ca.cert_pem);
    test_origin origin({.tls = served.leaf});
    ssl::context context = client_tls_context(other.ca);

    const tls_attempt attempt = run_client(tls_handshake(context, origin.port(), "localhost"));
    REQUIRE(attempt.handshake_ec.category() == asio::error::get_ssl_category());
    CHECK(ERR_GET_REASON(static_cast<unsigned long>(attempt.handshake_ec.value())) ==
          SSL_R_CERTIFICATE_VERIFY_FAILED);
    CHECK(attempt.verify_result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  }

  TEST_CASE("stall_tls_handshake leaves the client's handshake to its own deadline") {
    const test_pki pki = make_test_pki({"localhost"}, {});
    test_origin origin({.tls = pki.leaf, .stall_tls_handshake = true});
    ssl::context context = client_tls_context(pki.ca);

    const auto [ec, took] =
        run_client([&]() -> asio::awaitable<std::pair<error_code, clock_type::duration>> {
          beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, context);
          auto& tcp = beast::get_lowest_layer(stream);
          tcp.expires_after(phase_deadline);
          co_await tcp.async_connect(loopback(origin.port()), asio::use_awaitable);
          const auto start = clock_type::now();
          tcp.expires_after(300ms);
          auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
          co_return std::pair{ec, clock_type::now() - start};
        }());
    CHECK(ec == beast::error::timeout);
    CHECK(took >= 300ms);
    CHECK(took < 1s);
    CHECK(origin.connections() == 1);
  }

  TEST_CASE("the destructor is fast with clients idle and mid-drip") {
    auto origin = std::make_unique<test_origin>();
    origin->route("/idle",
                  [](const received_request&) { return response_script{script_step::idle()}; });
    origin->route("/drip", [](const received_request&) {
      return response_script{script_step::write(status_line(200) + "Content-Length: 1000\r\n\r\n"),
                             script_step::drip(std::string(1000, 'd'), 50ms)};
    });

    struct outcome {
      clock_type::duration destruction;
      error_code idle_end;
      error_code drip_end;
    };
    const outcome o = run_client([&]() -> asio::awaitable<outcome> {
      beast::tcp_stream idle = co_await connect(origin->port());
      beast::tcp_stream drip = co_await connect(origin->port());
      auto idle_request = get("/idle");
      auto drip_request = get("/drip");
      co_await http::async_write(idle, idle_request, asio::use_awaitable);
      co_await http::async_write(drip, drip_request, asio::use_awaitable);
      REQUIRE(
          co_await eventually([&] { return origin->hits("/idle") + origin->hits("/drip") == 2; }));

      // Blocks this client's only thread briefly; nothing else needs it meanwhile.
      const auto start = clock_type::now();
      origin.reset();
      const auto destruction = clock_type::now() - start;
      co_return outcome{destruction, co_await read_until_error(idle),
                        co_await read_until_error(drip)};
    }());
    CHECK(o.destruction < 1s);
    // The origin closed both sockets rather than leaving the clients to their deadlines.
    CHECK(o.idle_end == asio::error::eof);
    CHECK(o.drip_end == asio::error::eof);
  }
}

TEST_SUITE("test_pki") {
  TEST_CASE("temp_file holds the contents until destroyed") {
    std::string path;
    {
      const temp_file file("-----BEGIN CERTIFICATE-----\n", ".pem");
      path = file.path();
      CHECK(path.ends_with(".pem"));
      std::ifstream in(path);
      const std::string contents{std::istreambuf_iterator<char>(in), {}};
      CHECK(contents == "-----BEGIN CERTIFICATE-----\n");
    }
    CHECK_FALSE(std::filesystem::exists(path));
  }

  TEST_CASE("make_test_pki rejects an address that is not one") {
    CHECK_THROWS_AS(make_test_pki({}, {"localhost"}), std::invalid_argument);
  }
}
