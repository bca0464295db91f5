// Proves the interop lab works before geocrawl's own proxy client is tested against it: each
// proxy starts, binds its outgoing connections to the address it is given, and enforces its
// credentials, as the curl binary sees it. Only 127.0.0.0/8 is contacted, and every curl runs
// under --max-time.
#include "tests/support/proxy_lab.hpp"

#include <doctest/doctest.h>

#include <stdlib.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

// curl's exit codes (curl(1), EXIT CODES) for the ways a request through a proxy fails.
constexpr int curl_http_error = 22;     // with --fail: the answer was 400 or above
constexpr int curl_receive_error = 56;  // among others: the proxy refused the CONNECT tunnel
constexpr int curl_proxy_error = 97;    // the SOCKS5 handshake failed, e.g. credentials rejected

// Makes the origin answer GET / with the address the request came from.
void echo_peer_address(test_origin& origin) {
  origin.route("/", [](const received_request& request) {
    return http_response(200, {{"Content-Type", "text/plain"}}, request.peer_address);
  });
}

// Fetches target through the proxy with curl. A proxy URL's own credentials win over
// --proxy-user in curl, so tests that send other credentials use bare_url().
command_result curl_through(const std::string& proxy, const std::string& target,
                            const std::vector<std::string>& options = {}) {
  std::vector<std::string> words = {"curl", "--silent", "--show-error"};
  words.insert(words.end(), {"--max-time", "10", "--proxy", proxy});
  words.insert(words.end(), options.begin(), options.end());
  words.push_back(target);
  return run_command(words, 20s);
}

// curl got the origin's answer, so the origin saw the request come from `address`.
void check_fetched_from(std::string_view what, const command_result& fetched,
                        std::string_view address) {
  INFO(what << ": curl said: " << fetched.err);
  CHECK(fetched.exit_code == 0);
  CHECK(fetched.out == address);
}

std::string bare_url(std::string_view scheme, const proxy_lab& lab) {
  return std::string(scheme) + "://127.0.0.1:" + std::to_string(lab.port());
}

// Sets an environment variable for one test and puts the old value back.
class scoped_environment {
 public:
  scoped_environment(const char* name, const char* value) : name_(name) {
    if (const char* old = ::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~scoped_environment() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  scoped_environment(const scoped_environment&) = delete;
  scoped_environment& operator=(const scoped_environment&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

const proxy_credentials lab_credentials{"alice", "s3cret"};

}  // namespace

TEST_CASE("microsocks: the origin sees the outgoing address, through socks5h and socks5") {
  test_origin origin;
  echo_peer_address(origin);
  const proxy_lab lab({.kind = proxy_kind::microsocks, .outgoing_address = "127.0.0.20"});
  INFO("proxy log:\n" << lab.log_tail());
  CHECK(lab.url() == bare_url("socks5h", lab));
  for (const proxy_scheme scheme : {proxy_scheme::socks5h, proxy_scheme::socks5}) {
    check_fetched_from(scheme == proxy_scheme::socks5h ? "socks5h" : "socks5",
                       curl_through(lab.url(scheme), origin.url("/")), "127.0.0.20");
  }
  CHECK(origin.hits("/") == 2);
}

TEST_CASE("microsocks without an outgoing address connects from 127.0.0.1") {
  test_origin origin;
  echo_peer_address(origin);
  const proxy_lab lab({.kind = proxy_kind::microsocks});
  INFO("proxy log:\n" << lab.log_tail());
  check_fetched_from("fetched", curl_through(lab.url(), origin.url("/")), "127.0.0.1");
}

TEST_CASE("microsocks with credentials lets the right ones through and refuses others") {
  test_origin origin;
  echo_peer_address(origin);
  // Characters a URL's userinfo must percent-encode (not the password's colon), to prove url()
  // encodes them.
  const proxy_credentials credentials{"bob", "p@ss:w/rd%"};
  const proxy_lab lab({.kind = proxy_kind::microsocks,
                       .credentials = credentials,
                       .outgoing_address = "127.0.0.20"});
  INFO("proxy log:\n" << lab.log_tail());
  CHECK(lab.url().starts_with("socks5h://bob:p%40ss:w%2Frd%25@127.0.0.1:"));

  check_fetched_from("right", curl_through(lab.url(), origin.url("/")), "127.0.0.20");

  const auto wrong =
      curl_through(bare_url("socks5h", lab), origin.url("/"), {"--proxy-user", "bob:wrong"});
  CHECK(wrong.exit_code == curl_proxy_error);
  const auto missing = curl_through(bare_url("socks5h", lab), origin.url("/"));
  CHECK(missing.exit_code == curl_proxy_error);
  CHECK(origin.hits("/") == 1);
}

TEST_CASE("tinyproxy: absolute-form and CONNECT both leave from the outgoing address") {
  test_origin origin;
  echo_peer_address(origin);
  const proxy_lab lab({.kind = proxy_kind::tinyproxy, .outgoing_address = "127.0.0.21"});
  INFO("proxy log:\n" << lab.log_tail());
  CHECK(lab.url() == bare_url("http", lab));

  check_fetched_from("forwarded", curl_through(lab.url(), origin.url("/")), "127.0.0.21");

  // Unlike forwarded requests, tunnelled ones pass through untouched.
  check_fetched_from("tunnelled", curl_through(lab.url(), origin.url("/"), {"--proxytunnel"}),
                     "127.0.0.21");

  const auto requests = origin.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].target == "/");
  CHECK(requests[0].header("Via").find("geocrawl-lab") != std::string::npos);
  CHECK(requests[1].header("Via") == "");
}

TEST_CASE("tinyproxy with Basic auth: 407 without credentials, 401 with wrong ones") {
  test_origin origin;
  echo_peer_address(origin);
  const proxy_lab lab({.kind = proxy_kind::tinyproxy,
                       .credentials = lab_credentials,
                       .outgoing_address = "127.0.0.21"});
  INFO("proxy log:\n" << lab.log_tail());
  CHECK(lab.url() == "http://alice:s3cret@127.0.0.1:" + std::to_string(lab.port()));

  check_fetched_from("forwarded", curl_through(lab.url(), origin.url("/")), "127.0.0.21");
  check_fetched_from("tunnelled", curl_through(lab.url(), origin.url("/"), {"--proxytunnel"}),
                     "127.0.0.21");
  REQUIRE(origin.requests().size() == 2);
  CHECK(origin.requests()[0].header("Proxy-Authorization") == "");

  // tinyproxy 1.11 asks for credentials with 407 but rejects wrong ones with a plain 401.
  const std::vector<std::string> status_only = {"--fail", "--write-out", "%{http_code}"};
  const auto missing = curl_through(bare_url("http", lab), origin.url("/"), status_only);
  CHECK(missing.exit_code == curl_http_error);
  CHECK(missing.out == "407");
  std::vector<std::string> wrong_options = status_only;
  wrong_options.insert(wrong_options.end(), {"--proxy-user", "alice:wrong"});
  const auto wrong = curl_through(bare_url("http", lab), origin.url("/"), wrong_options);
  CHECK(wrong.exit_code == curl_http_error);
  CHECK(wrong.out == "401");
  const auto wrong_tunnel = curl_through(bare_url("http", lab), origin.url("/"),
                                         {"--proxytunnel", "--proxy-user", "alice:wrong"});
  CHECK(wrong_tunnel.exit_code == curl_receive_error);
  CHECK(origin.hits("/") == 2);
}

TEST_CASE("dante: the origin sees the outgoing address, for an address and a name") {
  test_origin origin;
  echo_peer_address(origin);
  const proxy_lab lab({.kind = proxy_kind::dante, .outgoing_address = "127.0.0.22"});
  INFO("proxy log:\n" << lab.log_tail());
  CHECK(lab.url() == bare_url("socks5h", lab));

  check_fetched_from("by address", curl_through(lab.url(), origin.url("/")), "127.0.0.22");
  // socks5h: danted resolves the name itself and checks the result against its rules.
  const std::string by_name = "http://localhost:" + std::to_string(origin.port()) + "/";
  check_fetched_from("by name", curl_through(lab.url(), by_name), "127.0.0.22");
}

TEST_CASE("a destroyed lab's proxy no longer forwards anything") {
  test_origin origin;
  echo_peer_address(origin);
  for (const proxy_kind kind : {proxy_kind::microsocks, proxy_kind::tinyproxy, proxy_kind::dante}) {
    CAPTURE(static_cast<int>(kind));
    std::string proxy;
    {
      const proxy_lab lab({.kind = kind});
      proxy = lab.url();
    }
    // Normally nothing listens there any more (curl exits 7), but a concurrent test may already
    // have been given the port; either way the request must not reach the origin.
    const auto refused = curl_through(proxy, origin.url("/"));
    INFO("curl said: " << refused.err);
    CHECK(refused.exit_code != 0);
  }
  CHECK(origin.hits("/") == 0);
}

TEST_CASE("options a proxy cannot take are refused before anything starts") {
  CHECK_THROWS_AS(proxy_lab({.kind = proxy_kind::dante, .credentials = lab_credentials}),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      proxy_lab({.kind = proxy_kind::tinyproxy, .credentials = proxy_credentials{"alice", "a b"}}),
      std::invalid_argument);
  CHECK_THROWS_AS(proxy_lab({.kind = proxy_kind::microsocks, .outgoing_address = "localhost"}),
                  std::invalid_argument);
  const proxy_lab socks({.kind = proxy_kind::microsocks});
  CHECK_THROWS_AS(socks.url(proxy_scheme::http), std::invalid_argument);
}

TEST_CASE("a proxy that is not installed fails the test with a pointer to scripts/setup.sh") {
  // microsocks lives in /usr/bin, which the lab searches only through PATH.
  const scoped_environment no_path("PATH", "/nonexistent");
  try {
    const proxy_lab lab({.kind = proxy_kind::microsocks});
    FAIL("the lab started without microsocks in PATH");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK(message.find("microsocks") != std::string::npos);
    CHECK(message.find("scripts/setup.sh") != std::string::npos);
  }
}

TEST_CASE("a proxy that does not come up fails the test with the end of its log") {
  // danted checks at startup that it can bind its external address; TEST-NET-1 is nobody's.
  try {
    const proxy_lab lab({.kind = proxy_kind::dante, .outgoing_address = "192.0.2.1"});
    FAIL("danted started with an external address it cannot bind");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK(message.find("danted exited with code") != std::string::npos);
    CHECK(message.find("scripts/setup.sh") != std::string::npos);
    CHECK(message.find("cannot bind external address") != std::string::npos);
  }
}

}  // namespace geocrawl::testing
