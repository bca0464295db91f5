// A crawl whose country vantage has no usable proxy must not pass for a quiet night: it refuses
// to start, naming the vantage and why each proxy failed its check, unless told to go on without
// it — and then the run ends degraded (exit status 3) and its summary names the vantage.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

constexpr int exit_degraded = 3;
constexpr int sites = 5;

// The lab with its only JP proxy at a loopback port nothing listens on any more, and a list of
// pages that answer at once.
void without_japan(crawl_lab& lab) {
  std::uint16_t gone_port = 0;
  {
    test_socks5_proxy gone;
    gone_port = gone.port();
  }
  lab.write_config(proxy_entry("jp-gone", "socks5h://127.0.0.1:" + std::to_string(gone_port)),
                   "concurrency = 4\nper_host = 4\nretries = 0\n");
  lab.origin.route_below("/page/", [](const received_request&) { return html(english_news()); });
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i)
    lines.push_back(lab.origin.url("/page/" + std::to_string(i) + "/"));
  lab.write_sites(lines);
}

std::int64_t page_requests(const crawl_lab& lab) {
  std::int64_t count = 0;
  for (const auto& request : lab.origin.requests())
    count += request.target.starts_with("/page/") ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("a vantage whose every proxy failed its check stops the crawl before a run exists") {
  crawl_lab lab("");
  without_japan(lab);
  const auto result = run_geocrawl(lab.crawl_arguments());
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("vantage jp (JP) has no usable proxy: jp-gone is dead (") !=
        std::string::npos);
  CHECK(result.err.find("--allow-missing-vantages") != std::string::npos);
  CHECK_FALSE(lab.has_run());
  CHECK(page_requests(lab) == 0);
}

TEST_CASE("with --allow-missing-vantages the crawl goes on without it and ends degraded") {
  crawl_lab lab("");
  without_japan(lab);
  auto arguments = lab.crawl_arguments();
  arguments.push_back("--allow-missing-vantages");
  const auto result = run_geocrawl(arguments);
  INFO("stdout: " << result.out);
  INFO("stderr: " << result.err);
  CHECK(result.exit_code == exit_degraded);
  CHECK(result.err.find("vantage jp (JP) has no usable proxy: jp-gone is dead (") !=
        std::string::npos);
  CHECK(result.err.find("crawling without them") != std::string::npos);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs WHERE status = 'done'") == 1);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views WHERE vantage = 'default' AND status = 200") == sites);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views WHERE vantage = 'jp' "
                 "AND error_code = 'no_proxy_for_country'") == sites);
  CHECK(result.out.find("degraded: vantage jp had no usable proxy for " + std::to_string(sites) +
                        " of its views") != std::string::npos);
}

}  // namespace geocrawl::testing
