// RDAP lookups against a scripted registry on 127.0.0.5, named in a test bootstrap file: what a
// registry does (answers, does not know, rate-limits, stalls, babbles, redirects somewhere it
// must not) comes back as the lookup's outcome, never as an exception or a hang.
#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <future>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_future.hpp>

#include "crawler/http/tls_client.hpp"
#include "crawler/rdap/rdap_client.hpp"
#include "proxies/address_policy.hpp"
#include "tests/support/static_resolver.hpp"
#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;

constexpr std::string_view registry_address = "127.0.0.5";

std::string rdap_json(std::string_view registrar) {
  return R"({"objectClassName": "domain", "ldhName": "example.com",
    "status": ["active"],
    "events": [{"eventAction": "registration", "eventDate": "2020-01-02T00:00:00Z"}],
    "nameservers": [{"ldhName": "ns1.example.net"}],
    "entities": [{"roles": ["registrar"],
      "publicIds": [{"type": "IANA Registrar ID", "identifier": "9999"}],
      "vcardArray": ["vcard", [["fn", {}, "text", ")" +
         std::string(registrar) + R"("]]],
      "entities": [{"roles": ["abuse"], "vcardArray": ["vcard", [
        ["email", {}, "text", "abuse@registrar.example"],
        ["tel", {}, "uri", "tel:+1.5555550100"]]]}]}]})";
}

response_script rdap_answer(std::string_view registrar) {
  return http_response(200, {{"Content-Type", "application/rdap+json"}}, rdap_json(registrar));
}

struct registry {
  test_origin origin{{.bind_address = std::string(registry_address)}};

  std::string bootstrap() const {
    return R"({"services": [[["com"], [")" + origin.url("/rdap/") + R"("]]]})";
  }
};

rdap_settings quick_settings() {
  rdap_settings settings;
  settings.timeout = 3s;
  settings.min_interval = 0ms;
  settings.max_retry_after = 5s;
  return settings;
}

// One lookup on its own io_context; only the registry's address is allowed.
registrar_record look_up(const registry& server, std::string domain,
                         const rdap_settings& settings = quick_settings()) {
  boost::asio::io_context io;
  static_resolver resolver({});
  const address_policy policy({*parse_ip_network(std::string(registry_address) + "/32")});
  auto tls_context = make_tls_context({.verify = true, .ca_file = ""});
  const fetch_environment environment{resolver, policy, tls_context, true};
  auto bootstrap = rdap_bootstrap::parse(server.bootstrap());
  REQUIRE(bootstrap.has_value());
  rdap_client client(settings, std::move(*bootstrap), environment);
  auto result =
      boost::asio::co_spawn(io, client.look_up(std::move(domain)), boost::asio::use_future);
  io.run();
  return result.get();
}

}  // namespace

TEST_CASE("rdap lookup: a registry's answer gives the registrar and its abuse contact") {
  registry server;
  std::atomic<bool> asked_for_rdap_json{false};
  server.origin.route("/rdap/domain/example.com", [&](const received_request& request) {
    asked_for_rdap_json = request.header("Accept").starts_with("application/rdap+json");
    return rdap_answer("Example Registrar, Inc.");
  });
  const auto lookup = look_up(server, "example.com");
  CHECK(to_string(lookup.outcome) == "found");
  CHECK(lookup.error.empty());
  CHECK(lookup.server == server.origin.url("/rdap/domain/example.com"));
  CHECK(lookup.registrar == "Example Registrar, Inc.");
  CHECK(lookup.registrar_iana_id == "9999");
  CHECK(lookup.abuse_email == "abuse@registrar.example");
  CHECK(lookup.abuse_phone == "tel:+1.5555550100");
  CHECK(lookup.registered_at == "2020-01-02T00:00:00Z");
  CHECK(lookup.name_servers == std::vector<std::string>{"ns1.example.net"});
  CHECK(lookup.statuses == std::vector<std::string>{"active"});
  CHECK(asked_for_rdap_json);
  // An API is told who asks, not a browser's User-Agent as a site is.
  const auto requests = server.origin.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].header("User-Agent") == "geocrawl/" GEOCRAWL_VERSION " (+RDAP lookups)");
}

TEST_CASE("rdap lookup: 404 is recorded as not found") {
  registry server;  // no route: every path is 404
  const auto lookup = look_up(server, "unknown.com");
  CHECK(lookup.outcome == rdap_outcome::not_found);
  CHECK(server.origin.hits("/rdap/domain/unknown.com") == 1);
}

TEST_CASE("rdap lookup: a TLD the bootstrap does not list asks nobody") {
  registry server;
  const auto lookup = look_up(server, "example.org");
  CHECK(lookup.outcome == rdap_outcome::no_server);
  CHECK(lookup.server.empty());
  CHECK(server.origin.connections() == 0);
}

TEST_CASE("rdap lookup: 429 with Retry-After is waited out, then the answer is read") {
  // Two whole seconds on from now as a date, so its wait is more than one second after the cut.
  const auto until = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 2;
  std::tm utc{};
  gmtime_r(&until, &utc);
  std::array<char, 32> date{};
  REQUIRE(std::strftime(date.data(), date.size(), "%a, %d %b %Y %H:%M:%S GMT", &utc) == 29);

  // The date first, while it is still two seconds away.
  for (const std::string& retry_after : {std::string(date.data()), std::string("1")}) {
    CAPTURE(retry_after);
    registry server;
    std::atomic<int> requests{0};
    std::atomic<long long> second_after_ms{0};
    const auto first_at = std::chrono::steady_clock::now();
    server.origin.route("/rdap/domain/example.com", [&](const received_request&) {
      if (requests++ == 0) return http_response(429, {{"Retry-After", retry_after}}, "slow down");
      second_after_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - first_at)
                            .count();
      return rdap_answer("Patient Registrar");
    });
    const auto lookup = look_up(server, "example.com");
    CHECK(lookup.outcome == rdap_outcome::found);
    CHECK(lookup.registrar == "Patient Registrar");
    CHECK(requests == 2);
    CHECK(second_after_ms >= 1000);
  }
}

TEST_CASE("rdap lookup: a Retry-After past the bound is recorded as rate limited, not waited") {
  registry server;
  server.origin.route("/rdap/domain/example.com", [](const received_request&) {
    return http_response(429, {{"Retry-After", "3600"}}, "come back in an hour");
  });
  const auto started = std::chrono::steady_clock::now();
  const auto lookup = look_up(server, "example.com");
  CHECK(lookup.outcome == rdap_outcome::rate_limited);
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK(server.origin.hits("/rdap/domain/example.com") == 1);
}

TEST_CASE("rdap lookup: a registry that stalls past the timeout is recorded as timed out") {
  registry server;
  server.origin.route("/rdap/domain/example.com", [](const received_request&) {
    auto script = response_script{script_step::pause(3s)};
    for (auto& step : rdap_answer("Too Late")) script.push_back(std::move(step));
    return script;
  });
  auto settings = quick_settings();
  settings.timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  const auto lookup = look_up(server, "example.com", settings);
  CHECK(lookup.outcome == rdap_outcome::timed_out);
  CHECK_FALSE(lookup.error.empty());
  CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("rdap lookup: an answer that is not JSON is recorded with a clear reason") {
  registry server;
  server.origin.route("/rdap/domain/example.com", [](const received_request&) {
    return http_response(200, {{"Content-Type", "application/rdap+json"}}, "{\"objectClass");
  });
  const auto lookup = look_up(server, "example.com");
  CHECK(lookup.outcome == rdap_outcome::invalid_response);
  CHECK(lookup.error.starts_with("not JSON"));
}

TEST_CASE("rdap lookup: a redirect to an address the policy refuses is not followed") {
  registry server;
  test_origin elsewhere({.bind_address = "127.0.0.6"});  // loopback, but not allowed here
  elsewhere.route("/rdap/domain/example.com",
                  [](const received_request&) { return rdap_answer("Should Not Be Asked"); });
  server.origin.route("/rdap/domain/example.com", [&](const received_request&) {
    return http_response(302, {{"Location", elsewhere.url("/rdap/domain/example.com")}}, "");
  });
  const auto lookup = look_up(server, "example.com");
  CHECK(lookup.outcome == rdap_outcome::refused);
  CHECK(elsewhere.connections() == 0);
}

TEST_CASE("rdap lookup: a thin registry's related link is followed for what it left out") {
  registry server;
  server.origin.route("/rdap/domain/example.com", [&](const received_request&) {
    const auto thin = R"({"objectClassName": "domain", "status": ["active"],
      "entities": [{"roles": ["registrar"], "vcardArray": ["vcard", [["fn", {}, "text", "Thin"]]]}],
      "links": [{"rel": "related", "type": "application/rdap+json", "href": ")" +
                      server.origin.url("/registrar/domain/example.com") + R"("}]})";
    return http_response(200, {{"Content-Type", "application/rdap+json"}}, thin);
  });
  server.origin.route("/registrar/domain/example.com",
                      [](const received_request&) { return rdap_answer("Full Name"); });
  const auto lookup = look_up(server, "example.com");
  CHECK(lookup.outcome == rdap_outcome::found);
  CHECK(lookup.registrar == "Thin");                       // the registry's word stands
  CHECK(lookup.abuse_email == "abuse@registrar.example");  // the registrar's fills the rest
  CHECK(lookup.statuses == std::vector<std::string>{"active"});
  CHECK(server.origin.hits("/registrar/domain/example.com") == 1);
}

TEST_CASE("rdap lookup: a related link the registrar fails keeps the registry's answer") {
  registry server;
  test_origin elsewhere({.bind_address = "127.0.0.6"});  // refused by the policy
  server.origin.route("/rdap/domain/example.com", [&](const received_request&) {
    const auto thin = R"({"objectClassName": "domain",
      "links": [{"rel": "related", "type": "application/rdap+json", "href": ")" +
                      elsewhere.url("/domain/example.com") + R"("}]})";
    return http_response(200, {{"Content-Type", "application/rdap+json"}}, thin);
  });
  const auto lookup = look_up(server, "example.com");
  CHECK(lookup.outcome == rdap_outcome::found);
  CHECK(lookup.error.empty());
  CHECK(elsewhere.connections() == 0);
}

}  // namespace geocrawl::testing
