#include "tests/proxies/scripted_stream.hpp"

#include <chrono>
#include <future>
#include <stdexcept>
#include <vector>

#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/_experimental/test/fail_count.hpp>
#include <boost/beast/core/error.hpp>

namespace geocrawl::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;

handshake_run run_handshake(const handshake_function& handshake, const proxy_script& script) {
  asio::io_context io;
  std::optional<beast::test::fail_count> fail_count;
  // fail_count(n) fails the nth operation counting from 1, and 0 fails the first as 1
  // does: n + 1 makes fail_at count from 0 without repeating a point.
  if (script.fail_at) fail_count.emplace(*script.fail_at + 1, script.fail_error);
  beast::test::stream client =
      fail_count ? beast::test::stream(io, *fail_count) : beast::test::stream(io);
  beast::test::stream proxy(io);
  client.connect(proxy);
  client.append(script.reply);
  client.read_size(script.read_size);
  proxy.close();

  auto result = asio::co_spawn(io, handshake(client), asio::use_future);
  io.run_for(std::chrono::seconds(5));
  if (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    throw std::runtime_error("the handshake did not finish against the scripted proxy");
  }
  return {result.get(), std::string(proxy.str()), std::string(client.str())};
}

namespace {

constexpr std::size_t max_failure_points = 64;

// The failures of the runs in which the first, second, ... I/O operation fails, up to the
// first run that gets past every operation.
std::vector<dial_failure> sweep(const handshake_function& handshake, std::string_view reply,
                                boost::system::error_code error) {
  std::vector<dial_failure> failures;
  for (std::size_t operation = 0; operation < max_failure_points; ++operation) {
    const proxy_script script{
        .reply = std::string(reply), .fail_at = operation, .fail_error = error};
    auto run = run_handshake(handshake, script);
    if (run.result) return failures;
    failures.push_back(run.result.error());
  }
  FAIL("the handshake still fails with the failure point past " << max_failure_points
                                                                << " operations");
  return failures;
}

}  // namespace

std::size_t check_every_failure_point(const handshake_function& handshake, std::string_view reply,
                                      std::string_view handshake_name) {
  const std::string name(handshake_name);
  const struct {
    boost::system::error_code error;
    dial_errc code;
    std::string message;
  } kinds[] = {
      {beast::test::error::test_failure, dial_errc::proxy_protocol, "the " + name + " failed: "},
      {asio::error::connection_reset, dial_errc::proxy_protocol,
       "the proxy closed the connection during the " + name},
      {beast::error::timeout, dial_errc::timeout, "the " + name + " timed out"},
  };
  std::optional<std::size_t> points;
  for (const auto& kind : kinds) {
    CAPTURE(kind.error.message());
    const auto failures = sweep(handshake, reply, kind.error);
    if (points) CHECK(failures.size() == *points);
    points = failures.size();
    for (const auto& failure : failures) {
      CHECK(failure.code == kind.code);
      CHECK(failure.message.starts_with(kind.message));
    }
  }
  return *points;
}

}  // namespace geocrawl::testing
