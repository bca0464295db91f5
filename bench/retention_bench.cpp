// Retention over a month of nights (issue 24): the same simulated crawl written through the real
// store into two databases, one never pruned and one pruned to keep_last after every night, as
// `crawl` with [retention] does. Prints, per night, both databases' sizes, the night's write time
// and the prune's time. Not a test: a curve for the README and the issue.
//
//   retention_bench [--sites 10000] [--nights 30] [--keep-last 7] [--changing 0.05]
//                   [--body-bytes 6000] [--dir DIR]
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "crawler/store/run_pruner.hpp"
#include "crawler/store/store.hpp"

namespace {

using namespace geocrawl;
using clock_type = std::chrono::steady_clock;

constexpr std::string_view vantages[] = {"default", "jp"};

struct settings {
  int sites = 10'000;
  int nights = 30;
  std::int64_t keep_last = 7;
  double changing = 0.05;
  std::size_t body_bytes = 6'000;
  std::string dir = "retention-bench";
};

// Text-like bytes (words from a small alphabet) that zstd shrinks about as far as HTML.
std::string page(std::mt19937_64& random, std::size_t size) {
  static constexpr std::string_view letters = "etaoinshrdlucmfwypvbgkjqxz<>/=\" ";
  std::string text;
  text.reserve(size);
  while (text.size() < size) text.push_back(letters[random() % letters.size()]);
  return text;
}

view site_view(std::string_view vantage, const std::string& url, const std::string& body,
               std::int64_t version) {
  view record;
  record.vantage = std::string(vantage);
  record.requested_url = url;
  record.final_url = url;
  record.status = 200;
  record.redirects = {{url, 200}};
  record.response_headers = {{"content-type", "text/html; charset=utf-8"}, {"server", "nginx"}};
  record.body = body;
  record.sha256 = fmt::format("{}-{}-{}", url, vantage, version);
  record.fetched_at = "2026-12-07T01:00:00.000Z";
  auto& analysis = record.analysis.emplace();
  analysis.page.title = "shop";
  analysis.found.drugs = {{"viagra", "sildenafil", "ed", 1}};
  return record;
}

// One night: a crawl run over every site, each site's views in one transaction.
std::chrono::milliseconds write_night(store& database, const std::vector<std::string>& urls,
                                      const std::vector<std::vector<std::int64_t>>& versions,
                                      const std::vector<std::vector<std::string>>& bodies) {
  const auto started = clock_type::now();
  const auto run = database.begin_run({run_kind::crawl, "bench", "sites.txt"});
  for (std::size_t site = 0; site < urls.size(); ++site) {
    std::vector<view> views;
    for (std::size_t v = 0; v < std::size(vantages); ++v)
      views.push_back(site_view(vantages[v], urls[site], bodies[site][v], versions[site][v]));
    database.record_site(
        run, urls[site], views,
        {cloaking_verdict::consistent, {{"jp", "default", cloaking_verdict::consistent, 0.1, {}}}});
  }
  database.finish_run(run, run_status::done);
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started);
}

std::string megabytes(const std::filesystem::path& file) {
  std::error_code ignored;
  auto bytes = std::filesystem::file_size(file, ignored);
  auto wal = file;
  wal += "-wal";
  bytes += std::filesystem::exists(wal, ignored) ? std::filesystem::file_size(wal, ignored) : 0;
  return fmt::format("{:.1f}", static_cast<double>(bytes) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  settings options;
  CLI::App app{"Database size over simulated nights, with and without retention"};
  app.add_option("--sites", options.sites)->check(CLI::Range(1, 1'000'000));
  app.add_option("--nights", options.nights)->check(CLI::Range(1, 365));
  app.add_option("--keep-last", options.keep_last)->check(CLI::Range(1, 365));
  app.add_option("--changing", options.changing)->check(CLI::Range(0.0, 1.0));
  app.add_option("--body-bytes", options.body_bytes)->check(CLI::Range(1, 1'000'000));
  app.add_option("--dir", options.dir);
  CLI11_PARSE(app, argc, argv);

  const std::filesystem::path dir = options.dir;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto kept_file = dir / "kept.db";
  const auto pruned_file = dir / "pruned.db";
  store kept(kept_file);
  store pruned(pruned_file);

  std::mt19937_64 random(24);
  std::vector<std::string> urls;
  std::vector<std::vector<std::int64_t>> versions(options.sites, {0, 0});
  std::vector<std::vector<std::string>> bodies(options.sites);
  for (int site = 0; site < options.sites; ++site) {
    urls.push_back(fmt::format("https://site{}.example/", site));
    for (std::size_t v = 0; v < std::size(vantages); ++v)
      bodies[site].push_back(page(random, options.body_bytes));
  }

  std::cout << "night  no_retention_MB  keep_last_" << options.keep_last
            << "_MB  write_ms  prune_ms  pruned_runs  freed_MB\n";
  const retention_policy policy{.keep_last = options.keep_last};
  for (int night = 1; night <= options.nights; ++night) {
    if (night > 1) {
      // The pages that changed since last night: new bodies, stored once more.
      for (int site = 0; site < options.sites; ++site) {
        for (std::size_t v = 0; v < std::size(vantages); ++v) {
          if (std::uniform_real_distribution<>(0, 1)(random) >= options.changing) continue;
          bodies[site][v] = page(random, options.body_bytes);
          ++versions[site][v];
        }
      }
    }
    write_night(kept, urls, versions, bodies);
    const auto write_ms = write_night(pruned, urls, versions, bodies);
    const auto result = run_pruner(pruned_file).prune(policy);
    std::cout << fmt::format("{:>5}  {:>15}  {:>14}  {:>8}  {:>8}  {:>11}  {:>8.1f}\n", night,
                             megabytes(kept_file), megabytes(pruned_file), write_ms.count(),
                             result.elapsed.count(), result.counts.runs.size(),
                             static_cast<double>(result.freed_bytes) / 1e6)
              << std::flush;
  }
  return 0;
}
