// Debian's Chromium with JavaScript on, its every connection sent to the loopback relay: a page
// whose script fetches a second URL and reaches for an address the allow-list does not hold.
// The relay's log lists both; the blocked address's listener sees nothing.
#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "crawler/browser/browser_process.hpp"
#include "crawler/browser/devtools_client.hpp"
#include "tests/support/relay_lab.hpp"
#include "tests/support/render_lab.hpp"
#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {
namespace {

using namespace std::chrono_literals;

// The page's script: a fetch to its own origin, and one to the forbidden origin.
std::string page_with_script(const std::string& blocked_url) {
  std::string page = "<!doctype html><title>start</title><script>\n";
  page += "fetch('/second').then(r => r.text()).then(t => { document.title = t; });\n";
  page += "fetch('" + blocked_url + "').catch(() => {});\n";
  page += "</script>";
  return page;
}

const relay_request* find_target(const relay_request_log& log, const std::string& target) {
  for (const auto& request : log.requests) {
    if (request.target == target) return &request;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("rendered: Chromium's page and its scripts reach the network only through the relay") {
  REQUIRE_MESSAGE(chromium_installed(),
                  "Debian's chromium is needed: scripts/setup.sh installs it");
  test_origin forbidden({.bind_address = "127.0.0.2"});
  forbidden.route("/blocked", [](const received_request&) {
    return http_response(200, {{"Access-Control-Allow-Origin", "*"}}, "leaked");
  });
  test_origin origin;
  const auto blocked_url = forbidden.url("/blocked");
  origin.route("/", [blocked_url](const received_request&) {
    return http_response(200, {{"Content-Type", "text/html"}}, page_with_script(blocked_url));
  });
  origin.route("/second", [](const received_request&) {
    return http_response(200, {{"Content-Type", "text/plain"}}, "second fetched");
  });
  auto limits = quick_relay_limits();
  limits.idle_timeout = 5s;
  relay_lab lab({"127.0.0.1/32"}, std::nullopt, limits);

  auto launched = launch_browser({.executable = debian_chromium, .relay_port = lab.port()});
  REQUIRE_MESSAGE(launched.process, launched.reason);
  const auto deadline = [] { return std::chrono::steady_clock::now() + 10s; };
  devtools_client browser(launched.process->devtools_port(), launched.process->devtools_path(),
                          deadline());
  REQUIRE(browser.connected());
  const auto page_url = origin.url("/");
  const auto created = browser.call("Target.createTarget", {{"url", page_url}}, "", deadline());
  REQUIRE_MESSAGE(!created.error, created.reason);

  // Both of the script's requests have ended in the relay, or ten seconds have passed.
  const auto second_url = origin.url("/second");
  relay_request_log log;
  for (int i = 0; i < 200; ++i) {
    log = lab.snapshot();
    if (find_target(log, second_url) && find_target(log, blocked_url)) break;
    std::this_thread::sleep_for(50ms);
  }
  launched.process->stop();
  log = lab.finish();
  CHECK(lab.ended_in_time());

  // The whole log, shown when a check below fails.
  std::string listed;
  for (const auto& request : log.requests) {
    listed += std::string(to_string(request.method)) + " " + request.target + " -> " +
              std::string(to_string(request.outcome)) + " " +
              std::to_string(request.status.value_or(0)) + " " + request.reason + "\n";
  }
  INFO(listed);
  const auto* page = find_target(log, page_url);
  REQUIRE(page);
  CHECK(page->outcome == relay_outcome::relayed);
  CHECK(page->status == 200);
  const auto* second = find_target(log, second_url);
  REQUIRE(second);
  CHECK(second->outcome == relay_outcome::relayed);
  CHECK(second->status == 200);
  CHECK(second->bytes_down > std::string("second fetched").size());
  const auto* blocked = find_target(log, blocked_url);
  REQUIRE(blocked);
  CHECK(blocked->outcome == relay_outcome::blocked_address);
  CHECK(blocked->reason.find("127.0.0.2 (loopback)") != std::string::npos);
  CHECK(forbidden.connections() == 0);
  CHECK(origin.hits("/second") == 1);
}

}  // namespace geocrawl::testing
