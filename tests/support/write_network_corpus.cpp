// Writes the generated network corpus (network_corpus.hpp) where a measurement needs it:
//
//   write_network_corpus --out DIR [--sites N] [--seed S]
//       DIR/truth.tsv (domain, network or "-", role), DIR/pages/<domain>.html, DIR/sites.txt
//   write_network_corpus --db FILE [--sites N] [--seed S]
//       a finished crawl run in a geocrawl database, one view per site, and FILE.truth.tsv
//
// --db goes the crawl's own way after the fetch: the work list through add_sites, each site's
// view analysed and settled by the verdict layer (settle_site, with an analysis cache and the
// store as its archive) and stored by finish_sites in batches. So whatever the crawl extracts
// and stores per view, this database holds too, for 100,000 sites without serving or fetching
// them (bench/networks_memory.sh measures `geocrawl networks` over it).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crawler/store/store.hpp"
#include "crawler/store/stored_analyses.hpp"
#include "crawler/verdict/site_verdict.hpp"
#include "crawler/view/sha256.hpp"
#include "crawler/view/timestamp.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "tests/support/network_corpus.hpp"

namespace {

using namespace geocrawl;
using namespace geocrawl::testing;

std::string home_url(const corpus_site& site) { return "https://" + site.host + "/"; }

void write_directory(const network_corpus& corpus, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "pages");
  std::ofstream(dir / "truth.tsv") << truth_tsv(corpus);
  std::ofstream sites(dir / "sites.txt");
  for (const auto& site : corpus.sites) {
    sites << home_url(site) << "\n";
    std::ofstream(dir / "pages" / (site.host + ".html")) << render_page(site);
  }
}

// The view a JP vantage would have stored for the site's home page.
view served_view(const corpus_site& site) {
  view record;
  record.vantage = "jp";
  record.requested_url = home_url(site);
  record.final_url = record.requested_url;
  record.status = 200;
  record.redirects = {{record.final_url, 200}};
  record.content_type = "text/html; charset=utf-8";
  record.response_headers = {{"Content-Type", record.content_type}, {"Server", "nginx"}};
  record.body = render_page(site);
  record.wire_bytes = record.body.size();
  record.sha256 = sha256_hex(record.body);
  record.fetched_at = utc_timestamp();
  if (!site.certificate_names.empty()) {
    // The certificate's names as a TLS client reads them; a key of the site's own.
    auto& tls = record.tls.emplace();
    tls.version = "TLSv1.3";
    tls.verified = true;
    tls.spki_sha256 = sha256_hex("key of " + site.host);
    tls.dns_names = site.certificate_names;
    tls.dns_name_count = tls.dns_names.size();
  }
  return record;
}

void write_database(const network_corpus& corpus, const std::filesystem::path& file) {
  std::filesystem::remove(file);
  std::ofstream(file.string() + ".truth.tsv") << truth_tsv(corpus);
  store database(file);
  const page_analyzer analyzer(load_shipped_lexicon());
  stored_analyses archive(file);
  analysis_cache analyses(analyzer, 64 * 1024 * 1024, &archive);

  const auto run = database.begin_run({run_kind::crawl, "write_network_corpus", "generated"});
  std::vector<site_entry> entries;
  for (std::size_t i = 0; i < corpus.sites.size(); ++i)
    entries.push_back({i + 1, home_url(corpus.sites[i]), "", ""});
  database.add_sites(run, entries);
  database.set_run_input(run, static_cast<std::int64_t>(entries.size()), 0, 0);

  // Work list order is sites file order, which is corpus order.
  constexpr std::size_t page = 500;
  std::size_t next = 0;
  std::int64_t after = 0;
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    const auto pending = database.pending_sites(run, after, page);
    if (pending.empty()) break;
    std::vector<finished_site> finished;
    for (const auto& site : pending) {
      auto settled = settle_site({served_view(corpus.sites[next++])}, 1, 0, analyses);
      finished.push_back({site.id, std::move(settled.views), std::move(settled.verdict),
                          std::move(settled.analyses)});
      after = site.id;
    }
    database.finish_sites(run, finished);
    std::cerr << "\r" << next << " sites stored" << std::flush;
  }
  database.finish_run(run, run_status::done);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "\n" << next << " sites in " << seconds << " s: " << file.string() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes the generated network corpus and its ground truth"};
  int sites = 0;
  std::uint64_t seed = 20;
  std::string out;
  std::string db;
  app.add_option("--sites", sites, "about this many sites (default: the corpus's own count)")
      ->check(CLI::Range(0, 2'000'000));
  app.add_option("--seed", seed);
  auto* out_option = app.add_option("--out", out, "directory for pages and truth");
  app.add_option("--db", db, "geocrawl database to write a crawl run into")->excludes(out_option);
  CLI11_PARSE(app, argc, argv);
  if (out.empty() == db.empty()) {
    std::cerr << "write_network_corpus: give --out DIR or --db FILE\n";
    return 2;
  }
  const auto corpus = generate_network_corpus(scaled_options(sites, seed));
  std::cerr << corpus.sites.size() << " sites, " << corpus.networks << " networks\n";
  if (!out.empty()) write_directory(corpus, out);
  if (!db.empty()) write_database(corpus, db);
  return 0;
}
