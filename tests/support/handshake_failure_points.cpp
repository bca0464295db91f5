#include "tests/support/handshake_failure_points.hpp"

#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <boost/asio/error.hpp>
#include <boost/beast/_experimental/test/error.hpp>
#include <boost/beast/core/error.hpp>

#include "tests/support/scripted_peer.hpp"

namespace geocrawl::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr std::size_t max_failure_points = 64;

// The failures of the runs in which the first, second, ... I/O operation fails, up to the
// first run that gets past every operation.
std::vector<dial_failure> sweep(const handshake_function& handshake, std::string_view reply,
                                boost::system::error_code error) {
  std::vector<dial_failure> failures;
  for (std::size_t operation = 0; operation < max_failure_points; ++operation) {
    const peer_script script{
        .reply = std::string(reply), .fail_at = operation, .fail_error = error};
    auto run = run_against_peer(handshake, script);
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
