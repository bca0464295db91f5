// The text report of `geocrawl fetch` as an analyst reads it at a terminal: a shop shown only to
// a Japanese exit behind a SOCKS5 proxy, a long URL that differs only near its end.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

std::vector<std::string> lines_starting(const std::string& report, std::string_view start) {
  std::vector<std::string> found;
  std::istringstream lines(report);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(start)) found.push_back(line);
  }
  return found;
}

}  // namespace

TEST_CASE(
    "the text report of a proxied fetch names the proxy and the target apart, shows where long "
    "URLs differ, and times only what happened") {
  crawl_lab lab("");
  // Both share a long prefix; only the Japanese visitor is sent on to the cart.
  const std::string prefix = "/catalogue/" + std::string(40, 'x') + "/";
  lab.origin.route(prefix, [&lab, prefix](const received_request& request) {
    if (!through_japan(request)) return html(japanese_construction_page());
    return http_response(302, {{"Location", lab.origin.url(prefix + "tokyo/cart.html")}}, "");
  });
  lab.origin.route(prefix + "tokyo/cart.html",
                   [](const received_request&) { return html(japanese_shop()); });

  const auto result =
      run_geocrawl({"fetch", lab.origin.url(prefix), "--config", lab.config_path()});
  INFO("report:\n" << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  const auto& report = result.out;

  CHECK(report.find("  jp vs default: cloaked (score ") != std::string::npos);
  CHECK(report.find("    - jp sees a shop offering ") != std::string::npos);
  CHECK(report.find("without prescription; default sees an under-construction page") !=
        std::string::npos);

  // The final url cells keep the differing end, not the shared prefix.
  const auto final_urls = lines_starting(report, "  final url |");
  REQUIRE(final_urls.size() == 1);
  CHECK(final_urls[0].find("tokyo/cart.html") != std::string::npos);
  CHECK(final_urls[0].find("xxxxxxxxxx/| ") != std::string::npos);

  // The proxy with its address, then the target the proxy connected to.
  const auto jp = lines_starting(report, "[jp]");
  REQUIRE(jp.size() == 1);
  CHECK(jp[0].starts_with("[jp] via proxy jp-1 (127.0.0.1), exit 127.0.0.11 in JP"));
  CHECK(report.find("  target:      127.0.0.1:" + std::to_string(lab.origin.port()) +
                    ", through the proxy\n") != std::string::npos);
  // The direct view's exit was checked too; GeoIP does not place 127.0.0.1, and the line says so.
  const auto direct = lines_starting(report, "[default]");
  REQUIRE(direct.size() == 1);
  CHECK(direct[0].starts_with(
      "[default], exit 127.0.0.1, exit not verified: the direct check is mismatch (the exit "
      "address is not in "));
  CHECK(report.find("  server:      127.0.0.1\n") != std::string::npos);

  // Plain http to an address, directly and through socks5h: no DNS, no TLS, never "0 ms" for
  // either.
  const auto times = lines_starting(report, "  time:        ");
  REQUIRE(times.size() == 2);
  for (const auto& line : times) {
    CHECK(line.find("connect ") != std::string::npos);
    CHECK(line.find("first byte ") != std::string::npos);
    CHECK(line.find(" ms, total ") != std::string::npos);
    CHECK(line.find("dns") == std::string::npos);
    CHECK(line.find("tls") == std::string::npos);
  }
}

}  // namespace geocrawl::testing
