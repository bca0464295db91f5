#include "tests/support/crawl_lab.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "crawler/store/sqlite.hpp"
#include "tests/support/benign_pages.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/rogue_pages.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

using namespace std::chrono_literals;

response_script html(std::string body) {
  return http_response(200, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body));
}

bool through_japan(const received_request& request) { return request.peer_address == "127.0.0.11"; }

crawl_lab::crawl_lab(std::string_view crawl_section) {
  origin.route("/ip", echo_caller_ip());
  write_config(proxy_entry("jp-1", japan.url("socks5h")), crawl_section);
}

void crawl_lab::write_config(const std::string& proxies, std::string_view crawl_section) const {
  std::ofstream(config_path()) << config_toml({.echo_url = origin.url("/ip"),
                                               .proxies = proxies,
                                               .vantages = std::string(two_vantages),
                                               .timeout_s = 5})
                               << "\n[crawl]\n"
                               << crawl_section;
}

std::string crawl_lab::config_path() const { return (dir.path() / "geocrawl.toml").string(); }

std::string crawl_lab::sites_path() const { return (dir.path() / "sites.txt").string(); }

void crawl_lab::write_sites(const std::vector<std::string>& lines) const {
  std::ofstream out(sites_path());
  for (const auto& line : lines) out << line << "\n";
}

std::vector<std::string> crawl_lab::crawl_arguments() const {
  return {"crawl", "--sites", sites_path(), "--config", config_path(), "--db", database};
}

std::vector<std::string> crawl_lab::resume_arguments() const {
  return {"crawl", "--resume", "--config", config_path(), "--db", database};
}

std::int64_t crawl_lab::finished() const {
  if (!std::filesystem::exists(database)) return 0;
  try {
    return count_of(database, "SELECT coalesce(sum(sites_done), 0) FROM runs");
  } catch (const sqlite_error&) {
    return 0;  // not created yet
  }
}

bool crawl_lab::has_run() const {
  if (!std::filesystem::exists(database)) return false;
  try {
    return count_of(database, "SELECT count(*) FROM runs") > 0;
  } catch (const sqlite_error&) {
    return false;  // not created yet
  }
}

std::unique_ptr<child_process> crawl_lab::start(const std::vector<std::string>& arguments) const {
  std::vector<std::string> words = {geocrawl_binary()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  const auto log = (dir.path() / "crawl.log").string();
  return std::make_unique<child_process>(words, log, log);
}

std::unique_ptr<child_process> crawl_lab::start_and_wait(const std::vector<std::string>& arguments,
                                                         std::int64_t more) const {
  const auto before = finished();
  auto child = start(arguments);
  const auto give_up = std::chrono::steady_clock::now() + 30s;
  while (finished() < before + more && std::chrono::steady_clock::now() < give_up &&
         !child->wait_for(0ms)) {
    std::this_thread::sleep_for(10ms);
  }
  return child;
}

std::string crawl_lab::log_text() const {
  std::ifstream in(dir.path() / "crawl.log");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

slow_lab::slow_lab(int site_count, std::chrono::milliseconds pause, std::string_view crawl_section)
    : crawl_lab(crawl_section), sites(site_count) {
  origin.route_below("/slow/", [pause](const received_request& request) {
    auto script = html(through_japan(request) ? japanese_shop() : japanese_news());
    script.insert(script.begin(), script_step::pause(pause));
    return script;
  });
  std::vector<std::string> lines;
  for (int i = 0; i < sites; ++i) lines.push_back(origin.url("/slow/" + std::to_string(i) + "/"));
  write_sites(lines);
}

std::int64_t count_of(const std::string& database, const std::string& sql) {
  sqlite_db db(database);
  auto query = db.prepare(sql);
  REQUIRE(query.step());
  return query.column_int(0);
}

void check_exactly_once(const std::string& database, std::int64_t sites) {
  CHECK(count_of(database, "SELECT count(*) FROM sites WHERE finished_at IS NOT NULL") == sites);
  CHECK(count_of(database, "SELECT count(*) FROM views") == 2 * sites);
  CHECK(count_of(database, "SELECT count(*) FROM comparisons") == sites);
  CHECK(count_of(database,
                 "SELECT count(*) FROM (SELECT site_id FROM views GROUP BY site_id, vantage "
                 "HAVING count(*) != 1)") == 0);
  CHECK(count_of(database,
                 "SELECT count(*) FROM views JOIN sites ON sites.id = views.site_id "
                 "WHERE sites.finished_at IS NULL") == 0);
  CHECK(count_of(database, "SELECT sites_done FROM runs WHERE id = 1") == sites);
}

}  // namespace geocrawl::testing
