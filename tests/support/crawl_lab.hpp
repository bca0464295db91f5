// What the tests of `geocrawl crawl` share: an in-process origin, a JP exit in front of it (a
// SOCKS5 double whose connections leave from 127.0.0.11), a config naming both with a [crawl]
// section, a crawl that can be started as a child and stopped in the middle, and the checks that
// every site was stored exactly once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

// A baseline vantage and a JP one.
inline constexpr std::string_view two_vantages =
    "[[vantage]]\nname = \"default\"\nbaseline = true\n\n"
    "[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\naccept_language = \"ja-JP,ja;q=0.9\"\n";

// 200, text/html in UTF-8.
response_script html(std::string body);

// Whether the request came through the lab's JP exit.
bool through_japan(const received_request& request);

struct crawl_lab {
  test_origin origin;
  test_socks5_proxy japan{{.outgoing_address = "127.0.0.11"}};
  temp_dir dir;
  std::string database = (dir.path() / "crawl.db").string();

  // Writes the config with `japan` as the one JP proxy, "jp-1".
  explicit crawl_lab(std::string_view crawl_section);

  // Rewrites the config with these [[proxy]] entries (proxy_entry) instead.
  void write_config(const std::string& proxies, std::string_view crawl_section) const;

  std::string config_path() const;
  std::string sites_path() const;
  void write_sites(const std::vector<std::string>& lines) const;

  // `crawl --sites <sites> --config <config> --db <database>`, and the same with --resume.
  std::vector<std::string> crawl_arguments() const;
  std::vector<std::string> resume_arguments() const;

  // Sites finished over all runs; 0 before the database has a run.
  std::int64_t finished() const;
  // Whether a run has been recorded yet.
  bool has_run() const;

  // Starts geocrawl with these arguments as a child writing to crawl.log in the lab's
  // directory.
  std::unique_ptr<child_process> start(const std::vector<std::string>& arguments) const;
  // The same, then waits (at most 30 s) until `more` further sites are finished or the child
  // exits, and returns the child.
  std::unique_ptr<child_process> start_and_wait(const std::vector<std::string>& arguments,
                                                std::int64_t more) const;
  std::string log_text() const;
};

// Sites that each take a little while (every response pauses first), so a crawl can be stopped
// in the middle: a construction page for everyone, a shop through the JP exit.
struct slow_lab : crawl_lab {
  static constexpr std::string_view pace = "concurrency = 8\nper_host = 8\nretries = 0\n";

  explicit slow_lab(int site_count = 150,
                    std::chrono::milliseconds pause = std::chrono::milliseconds(30),
                    std::string_view crawl_section = pace);

  const int sites;
};

// One number from the database.
std::int64_t count_of(const std::string& database, const std::string& sql);

// Every site of run 1 finished once, with one view per vantage (two) and one comparison, and
// nothing stored for a site that is not finished.
void check_exactly_once(const std::string& database, std::int64_t sites);

}  // namespace geocrawl::testing
