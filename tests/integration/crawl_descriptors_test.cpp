// `geocrawl crawl` at a concurrency its open-file limit cannot hold: the soft limit is raised
// toward the hard limit, and where the hard limit is too low the concurrency is lowered (said
// once) instead of views failing with EMFILE. The binary runs under prlimit(1).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/support/benign_pages.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

constexpr int sites = 300;
constexpr int views = 2 * sites;  // the lab's baseline and its JP vantage

command_result crawl_under_limit(crawl_lab& lab, const std::string& nofile) {
  lab.origin.route_below("/page/", [](const received_request&) { return html(english_news()); });
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i)
    lines.push_back(lab.origin.url("/page/" + std::to_string(i) + "/"));
  lab.write_sites(lines);
  return run_command({"prlimit", "--nofile=" + nofile, geocrawl_binary(), "crawl", "--sites",
                      lab.sites_path(), "--config", lab.config_path(), "--db", lab.database});
}

}  // namespace

TEST_CASE("a hard limit too low for the concurrency lowers it, once, and fails no view") {
  crawl_lab lab("concurrency = 1024\nper_host = 1024\n");
  const auto result = crawl_under_limit(lab, "200:200");
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  const std::string note = "crawl.concurrency 1024 lowered to 136";
  const auto first = result.err.find(note);
  CHECK(first != std::string::npos);
  CHECK(result.err.find(note, first + 1) == std::string::npos);
  CHECK(count_of(lab.database, "SELECT count(*) FROM views WHERE status = 200") == views);
  CHECK(count_of(lab.database, "SELECT count(*) FROM views WHERE error_code IS NOT NULL") == 0);
}

TEST_CASE("a soft limit below the concurrency is raised toward the hard limit, silently") {
  crawl_lab lab("concurrency = 1024\nper_host = 1024\n");
  const auto result = crawl_under_limit(lab, "256:4096");
  INFO("stderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("lowered to") == std::string::npos);
  CHECK(count_of(lab.database, "SELECT count(*) FROM views WHERE status = 200") == views);
}

}  // namespace geocrawl::testing
