// Page analysis speed against its ceiling, gumbo parsing alone, on the same pages in one
// run. Both count the bytes as served, so their MB/s compare page for page.
//   cmake --workflow --preset bench && ./build/bench/bench/analysis_bench
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include "bench/page_corpus.hpp"
#include "parsers/page_analysis.hpp"
#include "parsers/shipped_lexicon.hpp"

namespace geocrawl::bench {

namespace {

const std::vector<corpus_page>& corpus() {
  static const auto pages = make_corpus(400);
  return pages;
}

std::int64_t served_bytes() {
  std::int64_t total = 0;
  for (const auto& page : corpus()) total += static_cast<std::int64_t>(page.body.size());
  return total;
}

void gumbo_parse_alone(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& page : corpus()) {
      GumboOutput* output =
          gumbo_parse_with_options(&kGumboDefaultOptions, page.utf8.data(), page.utf8.size());
      benchmark::DoNotOptimize(output->root);
      gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
  }
  state.SetBytesProcessed(state.iterations() * served_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus().size()));
}

void whole_analysis(benchmark::State& state) {
  static const page_analyzer analyzer(load_shipped_lexicon());
  std::size_t drugs = 0;
  for (auto _ : state) {
    for (const auto& page : corpus()) {
      const auto analysis = analyzer.analyze(page.body, page.content_type, "https://shop.example/");
      drugs += analysis.found.drugs.size();
    }
  }
  benchmark::DoNotOptimize(drugs);
  state.SetBytesProcessed(state.iterations() * served_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus().size()));
}

}  // namespace

BENCHMARK(gumbo_parse_alone)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(whole_analysis)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace geocrawl::bench

BENCHMARK_MAIN();
