// The database `geocrawl networks` is measured on (issue 20): a crawl of N sites written through
// the real store, each site one view whose analysis carries what a network's sites share — an
// analytics ID and a phone per network of --network-size sites, an e-mail of its own, a stock
// template on 30% of the sites (widespread), a documented placeholder ID on 5%, the body's hash,
// and one of 50 shared hosting addresses (weak). Then time and peak memory of the command are
// read with /usr/bin/time (bench/README.md). Not a test: numbers for the README and the issue.
//
//   networks_bench --db FILE [--sites 100000] [--network-size 10]
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "crawler/store/store.hpp"

namespace {

using namespace geocrawl;

view site_view(int site, int network_size) {
  const auto url = fmt::format("https://shop{}.example/", site);
  view record;
  record.vantage = "default";
  record.requested_url = url;
  record.final_url = url;
  record.status = 200;
  record.content_type = "text/html";
  record.body = fmt::format("<p>shop {}</p>", site);
  record.sha256 = fmt::format("{:064x}", site);
  record.peer_address = fmt::format("203.0.113.{}", site % 50);
  record.fetched_at = "2026-12-07T01:00:00.000Z";
  auto& analysis = record.analysis.emplace();
  analysis.page.lang = "ja";
  const int network = site / network_size;
  auto& ids = analysis.identifiers;
  ids.push_back({identifier_kind::ga4, fmt::format("G-N{:09d}", network)});
  ids.push_back({identifier_kind::phone, fmt::format("03{:08d}", network)});
  ids.push_back({identifier_kind::email, fmt::format("sales{}@shop{}.example", site, site)});
  if (site % 10 < 3) ids.push_back({identifier_kind::template_fp, "stock-theme"});
  if (site % 20 == 0) ids.push_back({identifier_kind::ga4, "G-XXXXXXXXXX"});
  std::sort(ids.begin(), ids.end());
  return record;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a crawl of N sites in networks for `geocrawl networks` to be measured on"};
  std::string database;
  int sites = 100'000;
  int network_size = 10;
  app.add_option("--db", database, "The database to write (replaced)")->required();
  app.add_option("--sites", sites, "Sites in the run")->check(CLI::Range(2, 10'000'000));
  app.add_option("--network-size", network_size, "Sites per network")->check(CLI::Range(2, 1000));
  CLI11_PARSE(app, argc, argv);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database + suffix);
  store db(database);
  const auto run = db.begin_run({run_kind::crawl, "bench", "bench", "bench"});
  std::vector<site_entry> entries;
  for (int site = 0; site < sites; ++site) {
    entries.push_back(
        {static_cast<std::size_t>(site + 1), fmt::format("https://shop{}.example/", site), "", ""});
  }
  db.add_sites(run, entries);
  db.set_run_input(run, sites, 0, 0);
  constexpr int batch = 1000;
  for (int first = 0; first < sites; first += batch) {
    std::vector<finished_site> finished;
    for (int site = first; site < std::min(sites, first + batch); ++site) {
      finished.push_back({site + 1, {site_view(site, network_size)}, {}, {}});
    }
    db.finish_sites(run, finished);
  }
  db.finish_run(run, run_status::done);
  std::cout << "wrote " << sites << " sites in networks of " << network_size << " to " << database
            << "\n";
  return 0;
}
