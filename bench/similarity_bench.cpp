// Text fingerprinting speed against its ceiling, normalize_text alone, and comparisons per
// second, on the visible text of the generated pages.
//   cmake --workflow --preset bench && ./build/bench/bench/similarity_bench
#include <benchmark/benchmark.h>

#include "bench/page_corpus.hpp"
#include "parsers/html_extract.hpp"
#include "parsers/text_normalizer.hpp"
#include "parsers/text_similarity.hpp"

namespace geocrawl::bench {

namespace {

// What fingerprint_text is given in the crawler: the page's visible text, not its HTML.
const std::vector<std::string>& texts() {
  static const auto all = [] {
    std::vector<std::string> out;
    for (const auto& page : make_corpus(400)) {
      out.push_back(extract_page(page.utf8, "https://shop.example/").text);
    }
    return out;
  }();
  return all;
}

std::int64_t text_bytes() {
  std::int64_t total = 0;
  for (const auto& text : texts()) total += static_cast<std::int64_t>(text.size());
  return total;
}

void normalize_alone(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& text : texts()) benchmark::DoNotOptimize(normalize_text(text));
  }
  state.SetBytesProcessed(state.iterations() * text_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts().size()));
}

void fingerprint(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& text : texts()) benchmark::DoNotOptimize(fingerprint_text(text));
  }
  state.SetBytesProcessed(state.iterations() * text_bytes());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts().size()));
}

// Each page against the next: mostly pages of other languages, and the merge of the two
// samples costs the same whatever they share.
void compare(benchmark::State& state) {
  static const auto fingerprints = [] {
    std::vector<text_fingerprint> out;
    for (const auto& text : texts()) out.push_back(fingerprint_text(text));
    return out;
  }();
  const std::size_t n = fingerprints.size();
  double total = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) {
      total += similarity(fingerprints[i], fingerprints[(i + 1) % n]);
    }
  }
  benchmark::DoNotOptimize(total);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

}  // namespace

BENCHMARK(normalize_alone)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(fingerprint)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(compare)->Unit(benchmark::kMicrosecond)->MinTime(3.0);

}  // namespace geocrawl::bench

BENCHMARK_MAIN();
